/** What the contacts store keeps: contact folders and contacts per mailbox, as Outlook models them (Graph v1.0). */

export interface ContactFolderRecord {
  id: string;
  userId: string;
  displayName: string;
  /** The mailbox root's id for top-level folders (the default "Contacts" among them). */
  parentFolderId: string;
  /** The default folder, where `/me/contacts` lives. */
  isDefault: boolean;
}

export interface PhysicalAddress {
  street?: string;
  city?: string;
  state?: string;
  countryOrRegion?: string;
  postalCode?: string;
}

export interface ContactEmailAddress {
  name: string | null;
  address: string | null;
}

/** The writable properties of a contact (microsoft.graph.contact), as stored. */
export interface ContactContent {
  givenName: string | null;
  surname: string | null;
  displayName: string | null;
  middleName: string | null;
  nickName: string | null;
  title: string | null;
  initials: string | null;
  generation: string | null;
  fileAs: string | null;
  yomiGivenName: string | null;
  yomiSurname: string | null;
  yomiCompanyName: string | null;
  emailAddresses: ContactEmailAddress[];
  imAddresses: string[];
  businessPhones: string[];
  homePhones: string[];
  mobilePhone: string | null;
  jobTitle: string | null;
  companyName: string | null;
  department: string | null;
  officeLocation: string | null;
  profession: string | null;
  businessHomePage: string | null;
  assistantName: string | null;
  manager: string | null;
  spouseName: string | null;
  personalNotes: string | null;
  children: string[];
  /** ISO instant or null. */
  birthday: string | null;
  categories: string[];
  homeAddress: PhysicalAddress;
  businessAddress: PhysicalAddress;
  otherAddress: PhysicalAddress;
}

export interface ContactRecord extends ContactContent {
  id: string;
  userId: string;
  parentFolderId: string;
  /** Creation order in the mailbox: what the delta walk pages by. */
  key: number;
  changeKey: string;
  createdMs: number;
  modifiedMs: number;
}

export interface ContactChangeEvent {
  changeType: 'created' | 'updated' | 'deleted';
  userId: string;
  contactId: string;
  folderId: string;
  changeKey: string;
  at: number;
}

/** The contacts knobs, where the reference is silent (`PUT /_admin/contacts/settings`). */
export interface ContactSettings {
  /** Email addresses a contact holds at most (Outlook has three slots, Email1–Email3); more is a 400. 0: no limit. */
  maxEmailAddresses: number;
}

export const DEFAULT_CONTACT_SETTINGS: Readonly<ContactSettings> = Object.freeze({ maxEmailAddresses: 3 });
