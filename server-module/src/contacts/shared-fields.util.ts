import { ContactSharedField, type SharedPersonFields } from '@m365/shared-types';

export const SHARED_FIELDS: readonly ContactSharedField[] = Object.values(ContactSharedField);

export type SharedValue = string | string[];

const normalisedPhones = (phones: string[]) => phones.map((phone) => phone.replace(/[^\d+]/g, '')).sort();

/**
 * Whether two values of a field are the same for the sync: emails in order (the first is the primary), phones as a
 * set of digits (Outlook keeps them in three lists, so their order is not the member's), texts exactly.
 */
export function sameValue(field: ContactSharedField, a: SharedValue | undefined, b: SharedValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (field === ContactSharedField.PHONES) return JSON.stringify(normalisedPhones(a as string[])) === JSON.stringify(normalisedPhones(b as string[]));
  return JSON.stringify(a) === JSON.stringify(b);
}

export function pickFields(fields: Partial<SharedPersonFields>): Partial<SharedPersonFields> {
  return Object.fromEntries(SHARED_FIELDS.filter((field) => fields[field] !== undefined).map((field) => [field, fields[field]]));
}

const isEmpty = (value: SharedValue | undefined) => value === undefined || value.length === 0;

/**
 * A contact matched to a person who already existed: its values fill what the person lacks, and its emails join the
 * person's; nothing a member typed is overwritten.
 */
export function fillBlanks(person: SharedPersonFields, contact: SharedPersonFields): Partial<SharedPersonFields> {
  const fill: Partial<SharedPersonFields> = {};
  for (const field of [ContactSharedField.FIRST_NAME, ContactSharedField.LAST_NAME, ContactSharedField.JOB_TITLE, ContactSharedField.COMPANY_NAME] as const) {
    if (isEmpty(person[field]) && !isEmpty(contact[field])) fill[field] = contact[field];
  }
  const extraEmails = contact.emails.filter((email) => !person.emails.includes(email));
  if (extraEmails.length > 0) fill.emails = [...person.emails, ...extraEmails];
  const known = new Set(normalisedPhones(person.phones));
  const extraPhones = contact.phones.filter((phone) => !known.has(phone.replace(/[^\d+]/g, '')));
  if (extraPhones.length > 0) fill.phones = [...person.phones, ...extraPhones];
  return fill;
}
