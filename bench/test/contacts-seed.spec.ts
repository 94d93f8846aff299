// The contacts bench seeds what it says it seeds: the counts it checks after the import (created, matched, by
// address) are only right if the generator made exactly these kinds, each naming a CRM person or nobody in the CRM.
import { DEMO_DIRECTORY } from '@m365/graph-emulator';
import { extraPeople } from '../bench-fixtures.js';
import { contactsSeed, CONTACTS, CRM_PEOPLE, SECOND_FOLDER } from '../contacts/contacts-seed.js';

describe('the contacts bench seed', () => {
  const seed = contactsSeed();
  const people = extraPeople(CRM_PEOPLE);
  const byAddress = new Map(people.map((person) => [person.email, person]));
  const companyName = new Map(DEMO_DIRECTORY.companies.map((company) => [company.domain, company.name]));
  const byNameAndCompany = new Map<string, string[]>();
  for (const person of people) {
    const key = `${person.firstName}|${person.lastName}|${companyName.get(person.companyDomain)}`;
    byNameAndCompany.set(key, [...(byNameAndCompany.get(key) ?? []), person.email]);
  }
  const names = new Set(people.map((person) => `${person.firstName}|${person.lastName}`));

  it('has 10,000 contacts against 20,000 CRM people: 5,000 by address, 1,000 by name and company, 4,000 unknown; a fifth in a second folder', () => {
    expect(seed.contacts).toHaveLength(CONTACTS);
    expect(CONTACTS).toBe(10_000);
    expect(DEMO_DIRECTORY.people.length + people.length).toBe(20_000);
    const counted: Record<string, number> = {};
    for (const contact of seed.contacts) counted[contact.kind] = (counted[contact.kind] ?? 0) + 1;
    expect(counted).toEqual({ byEmail: 5_000, byNameAndCompany: 1_000, unknown: 4_000 });
    expect(seed.byKind).toEqual(counted);
    expect(seed.contacts.filter((contact) => contact.folder === SECOND_FOLDER)).toHaveLength(2_000);
    expect(seed.inSecondFolder).toBe(2_000);
  });

  it('gives a matched contact the address, or the name and company, of a distinct CRM person; an unknown one an address the CRM does not have', () => {
    const matchedPeople = new Set<string>();
    for (const contact of seed.contacts) {
      const { body } = contact;
      if (contact.kind === 'byEmail') {
        const person = byAddress.get(body.emailAddresses[0]!.address)!;
        expect(person).toBeDefined();
        expect([body.givenName, body.surname, body.companyName]).toEqual([person.firstName, person.lastName, companyName.get(person.companyDomain)]);
        matchedPeople.add(person.email);
      } else if (contact.kind === 'byNameAndCompany') {
        expect(body.emailAddresses).toEqual([]);
        const named = byNameAndCompany.get(`${body.givenName}|${body.surname}|${body.companyName}`) ?? [];
        expect(named.length).toBeGreaterThan(0);
        // Never a person a contact matches by address (the import would link one person twice).
        expect(named.some((email) => matchedPeople.has(email))).toBe(false);
      } else {
        expect(byAddress.has(body.emailAddresses[0]!.address)).toBe(false);
        expect(names.has(`${body.givenName}|${body.surname}`)).toBe(false);
      }
    }
    expect(matchedPeople.size).toBe(5_000);
    expect(new Set(seed.contacts.flatMap((contact) => contact.body.emailAddresses.map((entry) => entry.address))).size).toBe(9_000);
  });

  it('scales down for a small run and refuses more contacts than the CRM has people for', () => {
    expect(contactsSeed(200, 500).byKind).toEqual({ byEmail: 100, byNameAndCompany: 20, unknown: 80 });
    expect(() => contactsSeed(10_000, 2_000)).toThrow(/need at least/);
  });

  it('is the same every time', () => {
    expect(JSON.stringify(contactsSeed())).toBe(JSON.stringify(seed));
  });
});
