import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password-hasher.js';
import { DEMO_MEMBERS, DEMO_PASSWORD, DEMO_WORKSPACE_NAME } from './demo-credentials.js';
import type { DemoDirectoryLike } from './demo-directory.type.js';

export interface SeedResult {
  workspaceId: string;
  created: boolean;
}

/** Creates the demo workspace, its two members and the demo directory's companies and people. Safe to run again. */
export async function seedDemoWorkspace(dataSource: DataSource, directory: DemoDirectoryLike): Promise<SeedResult> {
  return dataSource.transaction(async (manager) => {
    const existing = await manager.query(`SELECT "id" FROM "workspace" WHERE "displayName" = $1 AND "deletedAt" IS NULL LIMIT 1`, [DEMO_WORKSPACE_NAME]);
    const workspaceId: string = existing[0]?.id ?? (await manager.query(`INSERT INTO "workspace" ("displayName") VALUES ($1) RETURNING "id"`, [DEMO_WORKSPACE_NAME]))[0].id;
    await seedMembers(manager, workspaceId);
    const companyIds = await seedCompanies(manager, workspaceId, directory);
    await seedPeople(manager, workspaceId, directory, companyIds);
    return { workspaceId, created: !existing[0] };
  });
}

async function seedMembers(manager: EntityManager, workspaceId: string): Promise<void> {
  for (const member of DEMO_MEMBERS) {
    const found = await manager.query(`SELECT 1 FROM "workspaceMember" WHERE "workspaceId" = $1 AND lower("userEmail") = lower($2)`, [workspaceId, member.email]);
    if (found.length) continue;
    await manager.query(
      `INSERT INTO "workspaceMember" ("workspaceId", "nameFirstName", "nameLastName", "userEmail", "passwordHash") VALUES ($1, $2, $3, $4, $5)`,
      [workspaceId, member.firstName, member.lastName, member.email, await hashPassword(DEMO_PASSWORD)],
    );
  }
}

async function seedCompanies(manager: EntityManager, workspaceId: string, directory: DemoDirectoryLike): Promise<Map<string, string>> {
  for (const company of directory.companies) {
    await manager.query(
      `INSERT INTO "company" ("workspaceId", "name", "domainName") VALUES ($1, $2, $3)
       ON CONFLICT ("workspaceId", lower("domainName")) DO NOTHING`,
      [workspaceId, company.name, company.domain],
    );
  }
  const rows: Array<{ id: string; domain: string }> = await manager.query(
    `SELECT "id", lower("domainName") AS "domain" FROM "company" WHERE "workspaceId" = $1 AND "domainName" IS NOT NULL`,
    [workspaceId],
  );
  return new Map(rows.map((row) => [row.domain, row.id]));
}

async function seedPeople(manager: EntityManager, workspaceId: string, directory: DemoDirectoryLike, companyIds: Map<string, string>): Promise<void> {
  for (const person of directory.people) {
    const found = await manager.query(`SELECT 1 FROM "person" WHERE "workspaceId" = $1 AND lower("emailsPrimaryEmail") = lower($2)`, [workspaceId, person.email]);
    if (found.length) continue;
    const domain = (person.companyDomain ?? person.email.split('@')[1] ?? '').toLowerCase();
    await manager.query(
      `INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName", "emailsPrimaryEmail", "emailsAdditionalEmails", "jobTitle", "city", "companyId")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [workspaceId, person.firstName, person.lastName, person.email, [...(person.additionalEmails ?? [])], person.jobTitle ?? null, person.city ?? null, companyIds.get(domain) ?? null],
    );
  }
}
