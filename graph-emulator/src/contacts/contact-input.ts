import { GraphError } from '../errors/error-factory.js';
import { parseGraphDateTime } from '../graph/graph-date-time.js';
import type { ContactContent, ContactEmailAddress, PhysicalAddress } from '../store/contacts/contact-records.js';

const STRINGS = [
  'givenName', 'surname', 'displayName', 'middleName', 'nickName', 'title', 'initials', 'generation', 'fileAs',
  'yomiGivenName', 'yomiSurname', 'yomiCompanyName', 'mobilePhone', 'jobTitle', 'companyName', 'department',
  'officeLocation', 'profession', 'businessHomePage', 'assistantName', 'manager', 'spouseName', 'personalNotes',
] as const;
const STRING_LISTS = ['imAddresses', 'businessPhones', 'homePhones', 'children', 'categories'] as const;
const ADDRESSES = ['homeAddress', 'businessAddress', 'otherAddress'] as const;
const ADDRESS_MEMBERS = ['street', 'city', 'state', 'countryOrRegion', 'postalCode'] as const;
/** Set by the server: accepted in a body (a client may send back what it read) and left as they are. */
const READ_ONLY = ['id', 'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'parentFolderId'];

export function emptyContact(): ContactContent {
  return {
    givenName: null, surname: null, displayName: null, middleName: null, nickName: null, title: null, initials: null,
    generation: null, fileAs: '', yomiGivenName: null, yomiSurname: null, yomiCompanyName: null, emailAddresses: [],
    imAddresses: [], businessPhones: [], homePhones: [], mobilePhone: null, jobTitle: null, companyName: null,
    department: null, officeLocation: null, profession: null, businessHomePage: null, assistantName: null, manager: null,
    spouseName: null, personalNotes: null, children: [], birthday: null, categories: [], homeAddress: {}, businessAddress: {},
    otherAddress: {},
  };
}

const invalid = (message: string) => new GraphError(400, 'ErrorInvalidProperty', message);
const unknown = (name: string) =>
  new GraphError(400, 'RequestBodyRead', `The property '${name}' does not exist on type 'microsoft.graph.contact'. Make sure to only use property names that are defined by the type or mark the type as open type.`);

function text(name: string, value: unknown): string | null {
  if (value === null || typeof value === 'string') return value;
  throw invalid(`The value of '${name}' must be a string or null.`);
}

function texts(name: string, value: unknown): string[] {
  if (value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalid(`The value of '${name}' must be an array of strings.`);
  return [...(value as string[])];
}

function address(name: string, value: unknown): PhysicalAddress {
  if (value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`The value of '${name}' must be a physicalAddress.`);
  const result: PhysicalAddress = {};
  for (const [member, item] of Object.entries(value as Record<string, unknown>)) {
    if (member.startsWith('@odata.')) continue;
    if (!(ADDRESS_MEMBERS as readonly string[]).includes(member)) throw invalid(`'${member}' is not a property of physicalAddress.`);
    if (item === null) continue;
    if (typeof item !== 'string') throw invalid(`The value of '${name}/${member}' must be a string.`);
    result[member as keyof PhysicalAddress] = item;
  }
  return result;
}

function emails(value: unknown, max: number): ContactEmailAddress[] {
  if (value === null) return [];
  if (!Array.isArray(value)) throw invalid("The value of 'emailAddresses' must be an array of emailAddress.");
  if (max > 0 && value.length > max) throw invalid(`A contact holds at most ${max} email addresses.`);
  return value.map((item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid("Each of 'emailAddresses' must be an emailAddress {name, address}.");
    const { name = null, address: at = null, ...rest } = item as Record<string, unknown>;
    const extra = Object.keys(rest).find((key) => !key.startsWith('@odata.'));
    if (extra) throw invalid(`'${extra}' is not a property of emailAddress.`);
    return { name: text('emailAddresses/name', name), address: text('emailAddresses/address', at) };
  });
}

/**
 * A contact body (create, or the changed properties of an update) applied to `base` (`maxEmails` > 0: more email
 * addresses are refused, the contacts setting `maxEmailAddresses`). Unknown properties are
 * OData's 400; the read-only ones are left as they are. Without `displayName`, a create, or an update that changes
 * the name parts, makes it from the names (the reference warns that updates to other fields can regenerate it).
 */
export function applyContactInput(base: ContactContent, body: unknown, creating: boolean, maxEmails = 0): ContactContent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GraphError(400, 'BadRequest', 'The request body must be a JSON object.');
  const next: ContactContent = structuredClone(base);
  const writable = next as unknown as Record<string, unknown>;
  const given = body as Record<string, unknown>;
  for (const [name, value] of Object.entries(given)) {
    if (name.startsWith('@odata.') || READ_ONLY.includes(name)) continue;
    if ((STRINGS as readonly string[]).includes(name)) writable[name] = text(name, value);
    else if ((STRING_LISTS as readonly string[]).includes(name)) writable[name] = texts(name, value);
    else if ((ADDRESSES as readonly string[]).includes(name)) writable[name] = address(name, value);
    else if (name === 'emailAddresses') next.emailAddresses = emails(value, maxEmails);
    else if (name === 'birthday') {
      if (value === null) next.birthday = null;
      else if (typeof value === 'string' && parseGraphDateTime(value)) next.birthday = parseGraphDateTime(value)!.text;
      else throw invalid("The value of 'birthday' must be a date and time with its offset (2016-10-19T10:37:00Z).");
    } else throw unknown(name);
  }
  const namesChanged = ['givenName', 'middleName', 'surname'].some((name) => name in given);
  if (!('displayName' in given) && (creating || namesChanged)) next.displayName = madeDisplayName(next);
  return next;
}

/** Outlook's display name for a contact given none: the names, else the company, else the first address. */
export function madeDisplayName(contact: ContactContent): string {
  const names = [contact.givenName, contact.middleName, contact.surname].filter((part) => part && part.trim()).join(' ');
  return names || contact.companyName || contact.emailAddresses[0]?.address || '';
}
