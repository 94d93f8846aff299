import { formatGraphDateTime } from '../graph/graph-date-time.js';
import type { ContactFolderRecord, ContactRecord } from '../store/contacts/contact-records.js';

/** A contact's property as Graph gives it (the query engine reads through this too). */
export function contactProperty(contact: ContactRecord, name: string): unknown {
  switch (name) {
    case 'id': return contact.id;
    case 'createdDateTime': return instant(contact.createdMs);
    case 'lastModifiedDateTime': return instant(contact.modifiedMs);
    case 'changeKey': return contact.changeKey;
    case 'parentFolderId': return contact.parentFolderId;
    default: return (contact as unknown as Record<string, unknown>)[name] ?? null;
  }
}

const instant = (ms: number) => formatGraphDateTime(ms).replace(/\.\d+Z$/, 'Z');

/** Graph's order of a contact's properties (its default set: every property). */
export const CONTACT_PROPERTIES = [
  'id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'parentFolderId', 'birthday', 'fileAs',
  'displayName', 'givenName', 'initials', 'middleName', 'nickName', 'surname', 'title', 'yomiGivenName', 'yomiSurname',
  'yomiCompanyName', 'generation', 'imAddresses', 'jobTitle', 'companyName', 'department', 'officeLocation', 'profession',
  'businessHomePage', 'assistantName', 'manager', 'homePhones', 'mobilePhone', 'businessPhones', 'spouseName',
  'personalNotes', 'children', 'emailAddresses', 'homeAddress', 'businessAddress', 'otherAddress',
] as const;

/** The contact as Graph writes it: `@odata.etag`, then the selected properties (`id` always). */
export function contactJson(contact: ContactRecord, select?: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { '@odata.etag': `W/"${contact.changeKey}"` };
  for (const name of CONTACT_PROPERTIES) {
    if (name !== 'id' && select && !select.includes(name)) continue;
    body[name] = structuredClone(contactProperty(contact, name));
  }
  return body;
}

export function contactFolderJson(folder: ContactFolderRecord, select?: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { id: folder.id };
  if (!select || select.includes('displayName')) body.displayName = folder.displayName;
  if (!select || select.includes('parentFolderId')) body.parentFolderId = folder.parentFolderId;
  return body;
}
