import type { EntityManager } from 'typeorm';

/**
 * What disconnect removes of the To Do sync, in the disconnect's transaction: the account's To Do lists with their
 * cursors and links (they cascade), and the lists' sync leases and sync log. CRM tasks stay as they are, and so do the To Do
 * tasks (Microsoft keeps its data). The subscriptions go with every other kind's in the disconnect path.
 */
export async function purgeTodoForAccount(manager: EntityManager, workspaceId: string, connectedAccountId: string): Promise<{ linksRemoved: number }> {
  const lists: Array<{ id: string }> = await manager.query(`SELECT "id" FROM "microsoftTodoList" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM "microsoftTodoLink" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  const ids = lists.map((list) => list.id);
  await manager.query(`DELETE FROM "microsoftSyncLease" WHERE "channelId" = ANY($1::uuid[])`, [ids]);
  await manager.query(`DELETE FROM "microsoftSyncRun" WHERE "channelId" = ANY($1::uuid[])`, [ids]);
  await manager.query(`DELETE FROM "microsoftTodoLink" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  await manager.query(`DELETE FROM "microsoftTodoList" WHERE "id" = ANY($1::uuid[])`, [ids]);
  return { linksRemoved: n };
}
