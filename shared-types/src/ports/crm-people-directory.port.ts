/** One CRM person as a recipient suggestion or an out-of-office lookup sees them. */
export interface CrmPersonRef {
  personId: string;
  /** "First Last", or '' when the record has no name. */
  name: string;
  /** Primary email first, then the additional ones. */
  emails: string[];
}

/** What compose needs of the host's people: find them by what the member types, or by their record. */
export interface CrmPeopleDirectoryPort {
  /** People whose name or any email contains `text` (case-insensitive), those with an email only, best matches first. */
  searchPeople(workspaceId: string, text: string, limit: number): Promise<CrmPersonRef[]>;
  findPerson(workspaceId: string, personId: string): Promise<CrmPersonRef | null>;
}
