// The CRM's people for the benches: the demo directory's plus extraPeople(), PEOPLE_IN_CRM in all unless a bench
// asks for more (the contacts bench holds 20,000).
import type { DataSource } from 'typeorm';
import { extraPeople, PEOPLE_IN_CRM } from '../bench-fixtures.js';

/** Adds extraPeople(total) to the dev host's first workspace (linked to their companies) and checks the total. */
export async function addPeople(dataSource: DataSource, total = PEOPLE_IN_CRM): Promise<void> {
  const [{ id: workspaceId }] = await dataSource.query(`SELECT "id" FROM "workspace" ORDER BY "createdAt" LIMIT 1`);
  const companies: Array<{ id: string; domain: string }> = await dataSource.query(`SELECT "id", lower("domainName") AS "domain" FROM "company" WHERE "workspaceId" = $1`, [workspaceId]);
  const companyOf = new Map(companies.map((company) => [company.domain, company.id]));
  const people = extraPeople(total);
  await dataSource.query(
    `INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName", "emailsPrimaryEmail", "companyId")
     SELECT $1, f, l, e, c FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[]) AS t(f, l, e, c)`,
    [workspaceId, people.map((p) => p.firstName), people.map((p) => p.lastName), people.map((p) => p.email), people.map((p) => companyOf.get(p.companyDomain) ?? null)],
  );
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS "count" FROM "person" WHERE "workspaceId" = $1`, [workspaceId]);
  if (count !== total) throw new Error(`expected ${total} people in the CRM, found ${count}`);
}
