// The bench user's Outlook contacts, against the CRM's people (extraPeople of the CRM's total): deterministic, so
// that the counts the bench checks are known in advance. Three kinds, interleaved:
//   - byEmail: a CRM person's address, name and company, plus a job title and a phone (matched by email; the blanks
//     the person has are filled);
//   - byNameAndCompany: a CRM person's first and last name and company name, no address (matched by name and company);
//   - unknown: an address the CRM does not know, a company it may not know (a new person, under the channel's
//     default policy CREATE_WITH_EMAIL; a new company when it does not know the name).
// One contact in five is in a second folder, "Suppliers", the others in the default Contacts folder.
import { DEMO_DIRECTORY } from '@m365/graph-emulator';
import { extraPeople } from '../bench-fixtures.js';

export const CONTACTS = 10_000;
export const CRM_PEOPLE = 20_000;
export const SECOND_FOLDER = 'Suppliers';

export type ContactKind = 'byEmail' | 'byNameAndCompany' | 'unknown';

export interface SeedContact {
  kind: ContactKind;
  /** Absent: the default folder. */
  folder?: typeof SECOND_FOLDER;
  body: {
    givenName: string;
    surname: string;
    companyName: string;
    jobTitle: string;
    emailAddresses: Array<{ address: string; name: string }>;
    businessPhones: string[];
  };
}

export interface ContactsSeed {
  contacts: SeedContact[];
  byKind: Record<ContactKind, number>;
  inSecondFolder: number;
}

const JOBS = ['Buyer', 'Engineer', 'Account Manager', 'Designer', 'Controller'];
const NEW_COMPANIES = Array.from({ length: 25 }, (_, index) => `Supplier ${String(index + 1).padStart(2, '0')}`);

/** Half the contacts match a CRM person by email, a tenth by name and company, the rest are new to the CRM. */
export function contactsSeed(contacts = CONTACTS, crmPeople = CRM_PEOPLE): ContactsSeed {
  const byEmail = Math.floor(contacts / 2);
  const byNameAndCompany = Math.floor(contacts / 10);
  const people = extraPeople(crmPeople);
  // Matched contacts take distinct people: even indexes by email, odd ones by name and company.
  if (people.length < 2 * Math.max(byEmail, byNameAndCompany)) throw new Error(`${contacts} contacts need at least ${2 * byEmail + DEMO_DIRECTORY.people.length} CRM people`);
  const companyName = new Map(DEMO_DIRECTORY.companies.map((company) => [company.domain, company.name]));
  const seeded: SeedContact[] = [];
  for (let index = 0; index < contacts; index += 1) {
    const phone = `+1 425 555 ${String(index).padStart(4, '0')}`;
    const jobTitle = JOBS[index % JOBS.length]!;
    let contact: SeedContact;
    if (index < byEmail) {
      const person = people[2 * index]!;
      contact = { kind: 'byEmail', body: { givenName: person.firstName, surname: person.lastName, companyName: companyName.get(person.companyDomain)!, jobTitle, emailAddresses: [{ address: person.email, name: `${person.firstName} ${person.lastName}` }], businessPhones: [phone] } };
    } else if (index < byEmail + byNameAndCompany) {
      const person = people[2 * (index - byEmail) + 1]!;
      contact = { kind: 'byNameAndCompany', body: { givenName: person.firstName, surname: person.lastName, companyName: companyName.get(person.companyDomain)!, jobTitle, emailAddresses: [], businessPhones: [phone] } };
    } else {
      const n = index - byEmail - byNameAndCompany;
      const company = NEW_COMPANIES[n % NEW_COMPANIES.length]!;
      contact = { kind: 'unknown', body: { givenName: `Given${n}`, surname: `Outlook${n}`, companyName: company, jobTitle, emailAddresses: [{ address: `contact${n}@supplier-${n % NEW_COMPANIES.length}.example.net`, name: `Given${n} Outlook${n}` }], businessPhones: [phone] } };
    }
    if (index % 5 === 4) contact.folder = SECOND_FOLDER;
    seeded.push(contact);
  }
  return {
    contacts: seeded,
    byKind: { byEmail, byNameAndCompany, unknown: contacts - byEmail - byNameAndCompany },
    inSecondFolder: seeded.filter((contact) => contact.folder).length,
  };
}
