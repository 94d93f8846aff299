import type { EntityManager } from 'typeorm';
import type { CrmPeopleDirectoryPort, CrmPersonRef } from '@m365/shared-types';

interface PersonRow {
  id: string;
  first: string;
  last: string;
  primary: string | null;
  additional: string[] | null;
}

const toRef = (row: PersonRow): CrmPersonRef => ({
  personId: row.id,
  name: `${row.first} ${row.last}`.trim(),
  emails: [row.primary, ...(row.additional ?? [])].filter((email): email is string => Boolean(email)),
});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** People of the Twenty-style schema, for recipient suggestions and out-of-office lookups. */
export class TwentyCrmPeopleDirectoryAdapter implements CrmPeopleDirectoryPort {
  constructor(private readonly manager: EntityManager) {}

  async searchPeople(workspaceId: string, text: string, limit: number): Promise<CrmPersonRef[]> {
    const pattern = `%${escapeLike(text.trim().toLowerCase())}%`;
    // Prefix matches of a name or address rank above matches inside them.
    const rows: PersonRow[] = await this.manager.query(
      `SELECT p."id", p."nameFirstName" AS "first", p."nameLastName" AS "last", p."emailsPrimaryEmail" AS "primary", p."emailsAdditionalEmails" AS "additional"
       FROM "person" p
       WHERE p."workspaceId" = $1 AND p."deletedAt" IS NULL
         AND (p."emailsPrimaryEmail" IS NOT NULL OR cardinality(p."emailsAdditionalEmails") > 0)
         AND (lower(p."nameFirstName" || ' ' || p."nameLastName") LIKE $2 OR lower(coalesce(p."emailsPrimaryEmail", '')) LIKE $2
              OR EXISTS (SELECT 1 FROM unnest(p."emailsAdditionalEmails") e WHERE lower(e) LIKE $2))
       ORDER BY (lower(p."nameFirstName") LIKE $3 OR lower(p."nameLastName") LIKE $3 OR lower(coalesce(p."emailsPrimaryEmail", '')) LIKE $3) DESC,
                p."nameFirstName", p."nameLastName", p."id"
       LIMIT $4`,
      [workspaceId, pattern, `${escapeLike(text.trim().toLowerCase())}%`, limit],
    );
    return rows.map(toRef);
  }

  async findPerson(workspaceId: string, personId: string): Promise<CrmPersonRef | null> {
    const [row]: PersonRow[] = await this.manager.query(
      `SELECT "id", "nameFirstName" AS "first", "nameLastName" AS "last", "emailsPrimaryEmail" AS "primary", "emailsAdditionalEmails" AS "additional"
       FROM "person" WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL`,
      [workspaceId, personId],
    );
    return row ? toRef(row) : null;
  }
}
