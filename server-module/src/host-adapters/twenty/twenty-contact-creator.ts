import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { domainOf, isPersonalEmailDomain } from './contact-auto-creation.policy.js';
import type { ParticipantLookup } from './participant-directory.js';

const compareKeys = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};
const capitalise = (word: string) => (word ? word[0]!.toUpperCase() + word.slice(1) : word);

/** "Ada Lovelace" → Ada / Lovelace; no display name → the address' local part, split on dots. */
function splitName(displayName: string, handle: string): [string, string] {
  const source = displayName && !displayName.includes('@') ? displayName.trim() : handle.slice(0, handle.indexOf('@')).replace(/[._-]+/g, ' ');
  const [first = '', ...rest] = source.split(/\s+/).filter(Boolean).map(capitalise);
  return [first, rest.join(' ')];
}

/**
 * Creates the people (and their companies, by domain) for new correspondents, and links the participants already
 * imported with their address. Idempotent under races: the unique index on a person's primary email decides, and
 * whoever loses reads the winner's row.
 */
export async function createContacts(manager: EntityManager, workspaceId: string, directory: ParticipantLookup, candidates: Map<string, string>): Promise<number> {
  // Pages of several folders (and the calendar) create people at once: each inserts its companies, then its people,
  // in one order (by the unique index's key), so two of them wait for each other's rows without a deadlock.
  const missing = [...candidates].filter(([handle]) => !directory.lookup(handle)).sort(([a], [b]) => compareKeys(a, b));
  if (missing.length === 0) return 0;

  const newDomains = [...new Set(missing.map(([handle]) => domainOf(handle)))].filter((domain) => !isPersonalEmailDomain(domain) && !directory.companyForDomain(domain)).sort(compareKeys);
  if (newDomains.length > 0) {
    await manager.query(
      `INSERT INTO "company" ("id", "workspaceId", "name", "domainName")
       SELECT gen_random_uuid(), $1, initcap(split_part(d, '.', 1)), d FROM unnest($2::text[]) AS d
       ON CONFLICT ("workspaceId", lower("domainName")) DO NOTHING`,
      [workspaceId, newDomains],
    );
    const companies: Array<{ id: string; domain: string }> = await manager.query(
      `SELECT "id", lower("domainName") AS "domain" FROM "company" WHERE "workspaceId" = $1 AND lower("domainName") = ANY($2::text[])`,
      [workspaceId, newDomains],
    );
    for (const company of companies) directory.addCompany(company.domain, company.id);
  }

  const rows = missing.map(([handle, displayName]) => {
    const [firstName, lastName] = splitName(displayName, handle);
    return { id: randomUUID(), handle, firstName, lastName, companyId: directory.companyForDomain(domainOf(handle)) ?? null };
  });
  const inserted: Array<{ id: string }> = await manager.query(
    `INSERT INTO "person" ("id", "workspaceId", "emailsPrimaryEmail", "nameFirstName", "nameLastName", "companyId")
     SELECT id, $1, handle, first, last, company FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[]) AS t(id, handle, first, last, company)
     ON CONFLICT ("workspaceId", lower("emailsPrimaryEmail")) WHERE "deletedAt" IS NULL AND "emailsPrimaryEmail" IS NOT NULL DO NOTHING
     RETURNING "id"`,
    [workspaceId, rows.map((row) => row.id), rows.map((row) => row.handle), rows.map((row) => row.firstName), rows.map((row) => row.lastName), rows.map((row) => row.companyId)],
  );
  const people: Array<{ id: string; email: string }> = await manager.query(
    `SELECT "id", lower("emailsPrimaryEmail") AS "email" FROM "person" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL AND lower("emailsPrimaryEmail") = ANY($2::text[])`,
    [workspaceId, rows.map((row) => row.handle)],
  );
  for (const person of people) directory.addPerson(person.email, person.id);
  // Mail imported before they became a person (their own messages, under a policy that creates people only from
  // mail the owner sent) is theirs too, as Twenty's participant matching does when a person is created.
  const created = new Set(inserted.map((row) => row.id));
  const linked = people.filter((person) => created.has(person.id));
  if (linked.length > 0) {
    // Mail and calendar both: a person created from one is linked to what the other imported before.
    for (const table of ['messageParticipant', 'calendarEventParticipant']) {
      await manager.query(
        `UPDATE "${table}" mp SET "personId" = p.id FROM unnest($2::uuid[], $3::text[]) AS p(id, handle)
         WHERE mp."workspaceId" = $1 AND lower(mp."handle") = p.handle AND mp."personId" IS NULL AND mp."workspaceMemberId" IS NULL`,
        [workspaceId, linked.map((person) => person.id), linked.map((person) => person.email)],
      );
    }
  }
  return inserted.length;
}
