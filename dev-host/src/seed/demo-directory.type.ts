/** The shape of the emulator's demo directory that the seed reads. */
export interface DemoDirectoryLike {
  companies: ReadonlyArray<{ name: string; domain: string }>;
  people: ReadonlyArray<{
    firstName: string;
    lastName: string;
    email: string;
    additionalEmails?: readonly string[];
    companyDomain?: string | null;
    jobTitle?: string | null;
    city?: string | null;
  }>;
}
