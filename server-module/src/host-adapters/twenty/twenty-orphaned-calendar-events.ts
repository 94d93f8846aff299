import type { EntityManager } from 'typeorm';
import { updateReturning } from '../../common/update-returning.util.js';

/** Calendar events no channel holds any more go, with their participants (cascade). */
export async function deleteOrphanedCalendarEvents(manager: EntityManager, workspaceId: string, calendarEventIds: string[]): Promise<number> {
  if (calendarEventIds.length === 0) return 0;
  const deleted = await updateReturning(
    manager,
    `DELETE FROM "calendarEvent" e WHERE e."workspaceId" = $1 AND e."id" = ANY($2::uuid[])
       AND NOT EXISTS (SELECT 1 FROM "calendarChannelEventAssociation" a WHERE a."calendarEventId" = e."id")
     RETURNING e."id"`,
    [workspaceId, [...new Set(calendarEventIds)]],
  );
  return deleted.length;
}
