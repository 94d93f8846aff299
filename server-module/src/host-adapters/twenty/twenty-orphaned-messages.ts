import type { EntityManager } from 'typeorm';
import { updateReturning } from '../../common/update-returning.util.js';

/** Messages no channel holds any more go, with their participants (cascade), and threads left empty go too. */
export async function deleteOrphanedMessages(manager: EntityManager, workspaceId: string, messageIds: string[]): Promise<void> {
  const deleted = await updateReturning<{ messageThreadId: string }>(
    manager,
    `DELETE FROM "message" m WHERE m."workspaceId" = $1 AND m."id" = ANY($2::uuid[])
       AND NOT EXISTS (SELECT 1 FROM "messageChannelMessageAssociation" a WHERE a."messageId" = m."id")
     RETURNING m."messageThreadId"`,
    [workspaceId, messageIds],
  );
  const threadIds = [...new Set(deleted.map((row) => row.messageThreadId).filter(Boolean))];
  if (threadIds.length === 0) return;
  await manager.query(
    `DELETE FROM "messageThread" t WHERE t."workspaceId" = $1 AND t."id" = ANY($2::uuid[]) AND NOT EXISTS (SELECT 1 FROM "message" m WHERE m."messageThreadId" = t."id")`,
    [workspaceId, threadIds],
  );
}
