import type { EntityManager } from 'typeorm';
import { domainOf } from './contact-auto-creation.policy.js';

/** The account owner's blocklist, lower-cased: addresses and whole domains (`@example.com`). */
export async function loadOwnerBlocklist(dataSource: Pick<EntityManager, 'query'>, workspaceId: string, workspaceMemberId: string): Promise<Set<string>> {
  const rows: Array<{ handle: string }> = await dataSource.query(
    `SELECT lower("handle") AS "handle" FROM "blocklist" WHERE "workspaceId" = $1 AND "workspaceMemberId" = $2 AND "deletedAt" IS NULL`,
    [workspaceId, workspaceMemberId],
  );
  return new Set(rows.map((row) => row.handle));
}

/** Whether a lower-cased address, or its whole domain, is on the blocklist. */
export function blocklistHas(blocked: Set<string>, address: string): boolean {
  return blocked.has(address) || blocked.has(`@${domainOf(address)}`);
}
