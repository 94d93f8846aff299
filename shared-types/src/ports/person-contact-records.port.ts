import type { ContactCreationPolicy } from '../enums/contact-sync.enum.js';

/**
 * A person's fields that Outlook contacts share, in one comparable shape: emails and phones are ordered lists
 * (the first is the primary), every text trimmed, '' when empty. Emails are lower case.
 */
export interface SharedPersonFields {
  firstName: string;
  lastName: string;
  emails: string[];
  phones: string[];
  jobTitle: string;
  companyName: string;
}

export interface CrmPersonSnapshot extends SharedPersonFields {
  personId: string;
}

/**
 * What the contacts sync needs of the host's people and companies. Reads and writes take the host's transaction
 * when given one. The plugin writes people only through here; these writes are the sync's, not a member's, so the
 * host does not report them back through the person change port.
 */
export interface PersonContactRecordsPort {
  findPeople(workspaceId: string, personIds: string[], transaction?: unknown): Promise<CrmPersonSnapshot[]>;
  /** A live person whose primary or additional email is one of these (case-insensitive), the earliest created first. */
  findPersonByEmails(workspaceId: string, emails: string[], transaction?: unknown): Promise<CrmPersonSnapshot | null>;
  /** A live person of that first and last name whose company has that name (all case-insensitive). */
  findPersonByNameAndCompany(workspaceId: string, firstName: string, lastName: string, companyName: string, transaction?: unknown): Promise<CrmPersonSnapshot | null>;
  /** A new person; its company matched by name, or created unless the policy never creates. Returns its id. */
  createPerson(workspaceId: string, fields: SharedPersonFields, policy: ContactCreationPolicy, transaction?: unknown): Promise<string>;
  /** Sets only the given fields; a company name matches or creates a company as createPerson does ('' unsets it). */
  updatePerson(workspaceId: string, personId: string, fields: Partial<SharedPersonFields>, policy: ContactCreationPolicy, transaction?: unknown): Promise<void>;
  /** Removes these people for good (on disconnect, the ones the sync created and nobody edited). */
  deletePeople(workspaceId: string, personIds: string[], transaction?: unknown): Promise<number>;
}
