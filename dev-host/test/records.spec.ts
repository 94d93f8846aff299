import { DEMO_PASSWORD } from '@m365/dev-host';
import { startTestHost, type TestHost, type TestHttpClient } from '../../test-support/index.js';
import { createOtherWorkspace } from './fixtures/workspace-fixtures.js';

describe('people and companies', () => {
  let host: TestHost;
  let megan: TestHttpClient;

  beforeAll(async () => {
    host = await startTestHost();
    megan = host.newClient();
    await megan.signIn('megan.bowen@contoso.com', DEMO_PASSWORD);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('pages and searches people', async () => {
    const first = await megan.graphql(`{ people(page: 1, pageSize: 20) { totalCount people { id name { firstName lastName } emails { primaryEmail } } } }`);
    expect(first.errors).toBeUndefined();
    expect(first.data.people.totalCount).toBe(50);
    expect(first.data.people.people).toHaveLength(20);
    const third = await megan.graphql(`{ people(page: 3, pageSize: 20) { people { id } } }`);
    expect(third.data.people.people).toHaveLength(10);
    const seen = new Set([...first.data.people.people, ...third.data.people.people].map((person: { id: string }) => person.id));
    expect(seen.size).toBe(30);
    const someone = first.data.people.people[0];
    const search = await megan.graphql(`query ($search: String) { people(search: $search) { totalCount people { id } } }`, { search: someone.emails.primaryEmail });
    expect(search.data.people.people.map((person: { id: string }) => person.id)).toEqual([someone.id]);
  });

  it('reads a person with their company, and a company with its people', async () => {
    const list = await megan.graphql(`{ companies(pageSize: 50) { totalCount companies { id name domainName } } }`);
    expect(list.data.companies.totalCount).toBe(10);
    const contoso = list.data.companies.companies.find((company: { domainName: string }) => company.domainName === 'contoso.com');
    const company = await megan.graphql(`query ($id: ID!) { company(id: $id) { name people { id emails { primaryEmail } } } }`, { id: contoso.id });
    expect(company.data.company.people.length).toBeGreaterThan(0);
    for (const person of company.data.company.people) expect(person.emails.primaryEmail).toMatch(/@contoso\.com$/);
    const person = await megan.graphql(`query ($id: ID!) { person(id: $id) { id company { id name } } }`, { id: company.data.company.people[0].id });
    expect(person.data.person.company).toEqual({ id: contoso.id, name: 'Contoso' });
  });

  it("keeps each workspace's records to its own members", async () => {
    const other = await createOtherWorkspace(host.dataSource);
    const eve = host.newClient();
    await eve.signIn(other.email, other.password);

    const stolen = await megan.graphql(`query ($id: ID!) { person(id: $id) { id name { firstName } } }`, { id: other.personId });
    expect(stolen.errors).toBeUndefined();
    expect(stolen.data.person).toBeNull();

    const evePeople = await eve.graphql(`{ people { totalCount people { id } } companies { totalCount } }`);
    expect(evePeople.data.people).toEqual({ totalCount: 1, people: [{ id: other.personId }] });
    expect(evePeople.data.companies.totalCount).toBe(0);

    const meganPerson = (await megan.graphql(`{ people(pageSize: 1) { people { id } } }`)).data.people.people[0];
    const reverse = await eve.graphql(`query ($id: ID!) { person(id: $id) { id } }`, { id: meganPerson.id });
    expect(reverse.data.person).toBeNull();
  });

  it('answers null for ids that are not uuids', async () => {
    const result = await megan.graphql(`{ person(id: "not-a-uuid") { id } company(id: "x") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: null, company: null });
  });
});
