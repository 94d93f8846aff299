import type { EntityManager } from 'typeorm';
import type { PersonContactRecordsPort } from '@m365/shared-types';

/**
 * What disconnect removes of the contacts sync, in the disconnect's transaction: the people the sync created that no
 * member edited and no other account's contact still links, then the account's contact channel with its folders and
 * cursors, links, outbox rows and conflict log (they cascade), its sync lease and sync log. People a member edited stay, and
 * so do people who were in the CRM before. The subscriptions go with every other kind's in the disconnect path.
 */
export async function purgeContactsForAccount(manager: EntityManager, people: PersonContactRecordsPort, workspaceId: string, connectedAccountId: string): Promise<{ peopleDeleted: number }> {
  const [channel]: Array<{ id: string }> = await manager.query(
    `SELECT "id" FROM "microsoftContactChannel" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`,
    [workspaceId, connectedAccountId],
  );
  if (!channel) return { peopleDeleted: 0 };
  const created: Array<{ personId: string }> = await manager.query(
    `SELECT DISTINCT l."personId" FROM "microsoftContactLink" l
     WHERE l."contactChannelId" = $1 AND l."createdBySync" AND l."personId" IS NOT NULL AND l."detachedReason" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "microsoftContactLink" o WHERE o."workspaceId" = $2 AND o."personId" = l."personId"
         AND (o."editedInCrm" OR (o."contactChannelId" <> $1 AND o."detachedReason" IS NULL)))`,
    [channel.id, workspaceId],
  );
  const peopleDeleted = await people.deletePeople(workspaceId, created.map((row) => row.personId), manager);
  await manager.query(`DELETE FROM "microsoftSyncLease" WHERE "channelId" = $1`, [channel.id]);
  await manager.query(`DELETE FROM "microsoftSyncRun" WHERE "channelId" = $1`, [channel.id]);
  await manager.query(`DELETE FROM "microsoftContactChannel" WHERE "id" = $1`, [channel.id]);
  return { peopleDeleted };
}
