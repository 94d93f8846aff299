import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ContactCreationPolicy, type CrmPersonSnapshot, type PersonContactRecordsPort, type SharedPersonFields } from '@m365/shared-types';

interface PersonRow {
  id: string;
  first: string;
  last: string;
  primary: string | null;
  additional: string[] | null;
  phone: string | null;
  phones: Array<{ number?: string }> | null;
  jobTitle: string | null;
  companyName: string | null;
}

const SELECT_PERSON = `SELECT p."id", p."nameFirstName" AS "first", p."nameLastName" AS "last", p."emailsPrimaryEmail" AS "primary",
  p."emailsAdditionalEmails" AS "additional", p."phonesPrimaryPhoneNumber" AS "phone", p."phonesAdditionalPhones" AS "phones", p."jobTitle", c."name" AS "companyName"
  FROM "person" p LEFT JOIN "company" c ON c."id" = p."companyId" AND c."deletedAt" IS NULL`;

const toSnapshot = (row: PersonRow): CrmPersonSnapshot => ({
  personId: row.id,
  firstName: (row.first ?? '').trim(),
  lastName: (row.last ?? '').trim(),
  emails: [row.primary, ...(row.additional ?? [])].filter((email): email is string => Boolean(email?.trim())).map((email) => email.trim().toLowerCase()),
  phones: [row.phone, ...(row.phones ?? []).map((phone) => phone.number ?? null)].filter((phone): phone is string => Boolean(phone?.trim())).map((phone) => phone.trim()),
  jobTitle: (row.jobTitle ?? '').trim(),
  companyName: (row.companyName ?? '').trim(),
});

/** People and companies of the Twenty-style schema as the contacts sync reads and writes them. */
export class TwentyPersonContactRecordsAdapter implements PersonContactRecordsPort {
  constructor(private readonly dataSource: DataSource) {}

  private manager(transaction?: unknown): EntityManager {
    return (transaction as EntityManager | undefined) ?? this.dataSource.manager;
  }

  async findPeople(workspaceId: string, personIds: string[], transaction?: unknown): Promise<CrmPersonSnapshot[]> {
    if (personIds.length === 0) return [];
    const rows: PersonRow[] = await this.manager(transaction).query(
      `${SELECT_PERSON} WHERE p."workspaceId" = $1 AND p."id" = ANY($2::uuid[]) AND p."deletedAt" IS NULL`,
      [workspaceId, personIds],
    );
    return rows.map(toSnapshot);
  }

  async findPersonByEmails(workspaceId: string, emails: string[], transaction?: unknown): Promise<CrmPersonSnapshot | null> {
    const wanted = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
    if (wanted.length === 0) return null;
    const manager = this.manager(transaction);
    // A primary address first, by the host's index on it; only then the additional ones, which no index covers (one
    // query with both would scan every person of the workspace for each contact: 60 ms a contact at 20,000 people).
    const [primary]: PersonRow[] = await manager.query(
      `${SELECT_PERSON} WHERE p."workspaceId" = $1 AND p."deletedAt" IS NULL AND lower(p."emailsPrimaryEmail") = ANY($2::text[])
       ORDER BY p."createdAt", p."id" LIMIT 1`,
      [workspaceId, wanted],
    );
    if (primary) return toSnapshot(primary);
    const [additional]: PersonRow[] = await manager.query(
      `${SELECT_PERSON} WHERE p."workspaceId" = $1 AND p."deletedAt" IS NULL AND cardinality(p."emailsAdditionalEmails") > 0
         AND EXISTS (SELECT 1 FROM unnest(p."emailsAdditionalEmails") e WHERE lower(e) = ANY($2::text[]))
       ORDER BY p."createdAt", p."id" LIMIT 1`,
      [workspaceId, wanted],
    );
    return additional ? toSnapshot(additional) : null;
  }

  async findPersonByNameAndCompany(workspaceId: string, firstName: string, lastName: string, companyName: string, transaction?: unknown): Promise<CrmPersonSnapshot | null> {
    if (!companyName.trim() || !(firstName.trim() || lastName.trim())) return null;
    const [row]: PersonRow[] = await this.manager(transaction).query(
      `${SELECT_PERSON} WHERE p."workspaceId" = $1 AND p."deletedAt" IS NULL AND lower(trim(p."nameFirstName")) = lower($2) AND lower(trim(p."nameLastName")) = lower($3)
         AND lower(trim(c."name")) = lower($4)
       ORDER BY p."createdAt", p."id" LIMIT 1`,
      [workspaceId, firstName.trim(), lastName.trim(), companyName.trim()],
    );
    return row ? toSnapshot(row) : null;
  }

  async createPerson(workspaceId: string, fields: SharedPersonFields, policy: ContactCreationPolicy, transaction?: unknown): Promise<string> {
    const manager = this.manager(transaction);
    const companyId = await this.companyFor(manager, workspaceId, fields.companyName, policy);
    const [primaryEmail, ...additionalEmails] = fields.emails;
    const [primaryPhone, ...additionalPhones] = fields.phones;
    const id = randomUUID();
    await manager.query(
      `INSERT INTO "person" ("id", "workspaceId", "nameFirstName", "nameLastName", "emailsPrimaryEmail", "emailsAdditionalEmails", "phonesPrimaryPhoneNumber", "phonesAdditionalPhones", "jobTitle", "companyId")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, workspaceId, fields.firstName, fields.lastName, primaryEmail ?? null, additionalEmails, primaryPhone ?? null, JSON.stringify(additionalPhones.map((number) => ({ number }))), fields.jobTitle || null, companyId],
    );
    return id;
  }

  async updatePerson(workspaceId: string, personId: string, fields: Partial<SharedPersonFields>, policy: ContactCreationPolicy, transaction?: unknown): Promise<void> {
    const manager = this.manager(transaction);
    const sets: string[] = [];
    const params: unknown[] = [workspaceId, personId];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`"${column}" = $${params.length}`);
    };
    if (fields.firstName !== undefined) set('nameFirstName', fields.firstName);
    if (fields.lastName !== undefined) set('nameLastName', fields.lastName);
    if (fields.jobTitle !== undefined) set('jobTitle', fields.jobTitle || null);
    if (fields.emails !== undefined) {
      set('emailsPrimaryEmail', fields.emails[0] ?? null);
      set('emailsAdditionalEmails', fields.emails.slice(1));
    }
    if (fields.phones !== undefined) {
      set('phonesPrimaryPhoneNumber', fields.phones[0] ?? null);
      set('phonesAdditionalPhones', JSON.stringify(fields.phones.slice(1).map((number) => ({ number }))));
    }
    if (fields.companyName !== undefined) {
      const companyId = fields.companyName ? await this.companyFor(manager, workspaceId, fields.companyName, policy) : null;
      // A name that matches no company under a policy that never creates leaves the person's company as it is.
      if (companyId || !fields.companyName) set('companyId', companyId);
    }
    if (sets.length === 0) return;
    await manager.query(`UPDATE "person" SET ${sets.join(', ')}, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL`, params);
  }

  async deletePeople(workspaceId: string, personIds: string[], transaction?: unknown): Promise<number> {
    if (personIds.length === 0) return 0;
    const deleted: Array<{ id: string }> = await this.manager(transaction).query(
      `DELETE FROM "person" WHERE "workspaceId" = $1 AND "id" = ANY($2::uuid[]) RETURNING "id"`,
      [workspaceId, personIds],
    );
    return deleted.length;
  }

  private async companyFor(manager: EntityManager, workspaceId: string, name: string, policy: ContactCreationPolicy): Promise<string | null> {
    const wanted = name.trim();
    if (!wanted) return null;
    const [existing]: Array<{ id: string }> = await manager.query(
      `SELECT "id" FROM "company" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL AND lower(trim("name")) = lower($2) ORDER BY "createdAt", "id" LIMIT 1`,
      [workspaceId, wanted],
    );
    if (existing) return existing.id;
    if (policy === ContactCreationPolicy.NEVER_CREATE) return null;
    const id = randomUUID();
    await manager.query(`INSERT INTO "company" ("id", "workspaceId", "name") VALUES ($1, $2, $3)`, [id, workspaceId, wanted]);
    return id;
  }
}
