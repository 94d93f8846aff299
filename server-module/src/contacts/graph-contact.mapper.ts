import type { SharedPersonFields } from '@m365/shared-types';

/** A contact as Graph returns it (https://learn.microsoft.com/graph/api/resources/contact), the fields the sync reads. */
export interface GraphContact {
  id: string;
  changeKey?: string | null;
  lastModifiedDateTime?: string | null;
  parentFolderId?: string | null;
  givenName?: string | null;
  surname?: string | null;
  displayName?: string | null;
  emailAddresses?: Array<{ name?: string | null; address?: string | null }> | null;
  businessPhones?: string[] | null;
  homePhones?: string[] | null;
  mobilePhone?: string | null;
  jobTitle?: string | null;
  companyName?: string | null;
  '@removed'?: { reason?: string };
}

export const CONTACT_SELECT = [
  'givenName', 'surname', 'displayName', 'emailAddresses', 'businessPhones', 'homePhones', 'mobilePhone', 'jobTitle', 'companyName', 'changeKey', 'lastModifiedDateTime', 'parentFolderId',
].join(',');

const text = (value: string | null | undefined) => (value ?? '').trim();

/** The shared fields of a contact: a contact with only a display name gets its first word as first name. */
export function toSharedFields(contact: GraphContact): SharedPersonFields {
  let firstName = text(contact.givenName);
  let lastName = text(contact.surname);
  if (!firstName && !lastName && text(contact.displayName)) {
    const [first, ...rest] = text(contact.displayName).split(/\s+/);
    firstName = first;
    lastName = rest.join(' ');
  }
  const emails = [...new Set((contact.emailAddresses ?? []).map((entry) => text(entry.address).toLowerCase()).filter(Boolean))];
  const phones = [...new Set([contact.mobilePhone, ...(contact.businessPhones ?? []), ...(contact.homePhones ?? [])].map(text).filter(Boolean))];
  return { firstName, lastName, emails, phones, jobTitle: text(contact.jobTitle), companyName: text(contact.companyName) };
}

/** An Outlook contact holds three email addresses; a person's further ones stay in the CRM only. */
export const OUTLOOK_MAX_EMAILS = 3;

export const modifiedAt = (contact: GraphContact): Date => new Date(contact.lastModifiedDateTime ?? 0);

/**
 * Where a CRM phone list goes in Outlook's three: numbers Outlook has keep their place, a new first number fills an
 * empty mobilePhone, other new ones join businessPhones; numbers the CRM dropped leave.
 */
export function placePhones(current: GraphContact, wanted: string[]): Pick<GraphContact, 'mobilePhone' | 'businessPhones' | 'homePhones'> {
  const digits = (phone: string) => phone.replace(/[^\d+]/g, '');
  const wantedDigits = new Set(wanted.map(digits));
  const kept = (phone: string | null | undefined): phone is string => Boolean(phone) && wantedDigits.has(digits(phone!));
  let mobilePhone = kept(current.mobilePhone) ? current.mobilePhone : null;
  const businessPhones = (current.businessPhones ?? []).filter(kept);
  const homePhones = (current.homePhones ?? []).filter(kept);
  const placed = new Set([mobilePhone, ...businessPhones, ...homePhones].filter((phone): phone is string => Boolean(phone)).map(digits));
  for (const phone of wanted) {
    if (placed.has(digits(phone))) continue;
    placed.add(digits(phone));
    if (!mobilePhone && phone === wanted[0]) mobilePhone = phone;
    else businessPhones.push(phone);
  }
  return { mobilePhone, businessPhones, homePhones };
}

/** The PATCH body that gives the contact these shared values; displayName is resent (Graph may regenerate it). */
export function toGraphPatch(fields: Partial<SharedPersonFields>, current: GraphContact): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (fields.firstName !== undefined) patch.givenName = fields.firstName;
  if (fields.lastName !== undefined) patch.surname = fields.lastName;
  if (fields.firstName !== undefined || fields.lastName !== undefined) {
    const now = toSharedFields(current);
    patch.displayName = `${fields.firstName ?? now.firstName} ${fields.lastName ?? now.lastName}`.trim();
  }
  if (fields.emails !== undefined) {
    const names = new Map((current.emailAddresses ?? []).map((entry) => [text(entry.address).toLowerCase(), entry.name ?? null]));
    patch.emailAddresses = fields.emails.slice(0, OUTLOOK_MAX_EMAILS).map((address) => ({ address, name: names.get(address) ?? address }));
  }
  if (fields.phones !== undefined) Object.assign(patch, placePhones(current, fields.phones));
  if (fields.jobTitle !== undefined) patch.jobTitle = fields.jobTitle;
  if (fields.companyName !== undefined) patch.companyName = fields.companyName;
  return patch;
}
