import { createContact } from '../contacts/contact-writes.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';
import { DEMO_DIRECTORY, type DemoPerson } from './demo-directory.js';

export interface DemoContactsResult {
  user: string;
  folders: number;
  contacts: number;
}

// People Outlook knows and the demo CRM does not.
const NEW_PEOPLE: [string, string, string, string, string][] = [
  ['Rosa', 'Delgado', 'Blue Yonder Airlines', 'Travel Coordinator', 'rosa.delgado@blueyonderairlines.com'],
  ['Victor', 'Hale', 'Coho Winery', 'Sommelier', 'victor@cohowinery.com'],
  ['Ingrid', 'Sørensen', 'Margie\'s Travel', 'Agent', 'ingrid.sorensen@margiestravel.com'],
  ['Tariq', 'Aziz', 'Trey Research', 'Research Lead', 'tariq.aziz@treyresearch.net'],
];

const companyOf = (person: DemoPerson) => DEMO_DIRECTORY.companies.find((company) => company.domain === person.companyDomain)?.name ?? null;

/**
 * A demo user's Outlook contacts, for matching against the demo CRM: people of other companies under the CRM's own
 * address (matched by email), some under a private address with the same name and company (matched by name plus
 * company), some the CRM does not have, and a "Conference leads" folder under Contacts with a few more.
 */
export function seedDemoContacts(store: EmulatorStore, user: UserRecord): DemoContactsResult {
  const contacts = store.contacts;
  const home = contacts.defaultFolder(user.id);
  const domain = user.userPrincipalName.split('@')[1]?.toLowerCase();
  const others = DEMO_DIRECTORY.people.filter((person) => person.companyDomain !== domain && !person.email.endsWith(`@${domain}`));
  let made = 0;
  const add = (folderId: string, body: Record<string, unknown>) => {
    createContact(store, user.id, folderId, body);
    made += 1;
  };
  const person = (p: DemoPerson, email: string, extra: Record<string, unknown> = {}) => ({
    givenName: p.firstName, surname: p.lastName, jobTitle: p.jobTitle, companyName: companyOf(p),
    emailAddresses: [{ name: `${p.firstName} ${p.lastName}`, address: email }],
    businessAddress: { city: p.city }, ...extra,
  });
  // Matched by email: the CRM's primary address, a phone the CRM may lack.
  for (const [index, p] of others.slice(0, 8).entries()) {
    add(home.id, person(p, p.email, { businessPhones: [`+1 425 555 01${String(index).padStart(2, '0')}`], categories: index % 3 === 0 ? ['Customers'] : [] }));
  }
  // Matched by name and company: a private address the CRM does not know.
  for (const p of others.slice(8, 12)) {
    add(home.id, person(p, `${p.firstName.toLowerCase()}.${p.lastName.toLowerCase().replace(/[^a-z]/g, '')}@outlook.com`, { mobilePhone: '+44 20 7946 0958' }));
  }
  for (const [givenName, surname, companyName, jobTitle, address] of NEW_PEOPLE) {
    add(home.id, { givenName, surname, companyName, jobTitle, emailAddresses: [{ name: `${givenName} ${surname}`, address }], personalNotes: 'Met at the spring trade fair.' });
  }
  let folders = 1;
  let leads = contacts.listFolders(user.id).find((folder) => folder.displayName === 'Conference leads' && folder.parentFolderId === home.id);
  if (!leads) {
    leads = contacts.addFolder(user.id, 'Conference leads', home.id);
    folders += 1;
  }
  for (const p of others.slice(12, 15)) add(leads.id, person(p, p.email, { categories: ['Leads'] }));
  add(leads.id, { givenName: 'Hugo', surname: 'Lindgren', companyName: 'Lucerne Publishing', emailAddresses: [{ name: 'Hugo Lindgren', address: 'hugo@lucernepublishing.com' }] });
  return { user: user.userPrincipalName, folders, contacts: made };
}

/** The demo contacts for every demo user (work and personal accounts: both have Outlook contacts). */
export function seedDemoContactBooks(store: EmulatorStore): DemoContactsResult[] {
  return store.listUsers().map((user) => seedDemoContacts(store, user));
}
