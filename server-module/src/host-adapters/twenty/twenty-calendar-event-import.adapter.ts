import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarEventImportRecordsPort, CalendarEventsPage, CalendarEventsPageResult, ImportedCalendarEvent } from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { ParticipantDirectory, type ParticipantLookup } from './participant-directory.js';
import { calendarContactCandidates, type CalendarContactCreationSettings } from './contact-auto-creation.policy.js';
import { blocklistHas, loadOwnerBlocklist } from './owner-blocklist.js';
import { createContacts } from './twenty-contact-creator.js';
import { deleteOrphanedCalendarEvents } from './twenty-orphaned-calendar-events.js';
import { eventLockKey, meetingLockKey, seriesLockKey } from './twenty-calendar-event-locks.js';

interface ChannelContext extends CalendarContactCreationSettings {
  blocked: Set<string>;
}

interface PlacedEvent {
  event: ImportedCalendarEvent;
  calendarEventId: string;
}

/**
 * Imported calendar events on the Twenty-style schema. One instance per sync run: it caches the workspace's
 * directory of people and the channel's settings for that run.
 */
export class TwentyCalendarEventImportAdapter implements CalendarEventImportRecordsPort {
  private directory?: ParticipantDirectory;
  private readonly channels = new Map<string, ChannelContext>();

  constructor(private readonly dataSource: DataSource) {}

  async saveEventsPage(page: CalendarEventsPage): Promise<CalendarEventsPageResult> {
    // Given the caller's transaction, every read goes through it too: the host may have a single connection.
    const outer = page.transaction as EntityManager | undefined;
    const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => (outer ? work(outer) : this.dataSource.transaction(work));
    if (page.events.length === 0 && page.removedExternalIds.length === 0) {
      if (page.checkpoint) await inTransaction((manager) => page.checkpoint!(manager));
      return { created: 0, updated: 0, deleted: 0 };
    }
    const channel = await this.channelContext(page.workspaceId, page.calendarChannelId, outer);
    const byId = new Map<string, ImportedCalendarEvent>();
    const blockedIds: string[] = [];
    for (const event of page.events) {
      // As Twenty does: a meeting with someone the owner blocked stays out of the CRM (and leaves it if it was in).
      if (event.participants.some((participant) => isBlocked(channel, participant.handle))) blockedIds.push(event.externalId);
      else byId.set(event.externalId, event);
    }
    const listed = [...byId.values()];
    const removed = [...new Set([...page.removedExternalIds, ...blockedIds].filter((id) => !byId.has(id)))];
    const directory = (await this.loadDirectory(page.workspaceId, outer)).draft();
    const result = await inTransaction(async (manager) => {
      await lockEvents(manager, page, listed, removed);
      const withheld = page.withheld ? await page.withheld(manager, listed) : new Set<string>();
      const events = withheld.size === 0 ? listed : listed.filter((event) => !withheld.has(event.externalId));
      await lockEventRows(manager, page, [...removed, ...events.map((event) => event.externalId)], events);
      const dropped: string[] = [];
      const deleted = await this.removeAssociations(manager, page, removed, dropped);
      await this.dropReplacedOccurrences(manager, page, events, dropped);

      const known: Array<{ externalId: string; calendarEventId: string }> = await manager.query(
        `SELECT "eventExternalId" AS "externalId", "calendarEventId" FROM "calendarChannelEventAssociation"
         WHERE "calendarChannelId" = $1 AND "eventExternalId" = ANY($2::text[])`,
        [page.calendarChannelId, events.map((event) => event.externalId)],
      );
      const knownIds = new Map(known.map((row) => [row.externalId, row.calendarEventId]));
      const fresh = events.filter((event) => !knownIds.has(event.externalId));
      // The same meeting already imported through another channel (or another calendar of this one) is the same event.
      const uids = [...new Set(fresh.map((event) => event.iCalUid).filter((uid): uid is string => Boolean(uid)))];
      const shared: Array<{ id: string; iCalUid: string }> = uids.length === 0 ? [] : await manager.query(
        `SELECT DISTINCT ON ("iCalUid") "id", "iCalUid" FROM "calendarEvent" WHERE "workspaceId" = $1 AND "iCalUid" = ANY($2::text[]) AND "deletedAt" IS NULL ORDER BY "iCalUid", "createdAt"`,
        [page.workspaceId, uids],
      );
      const sharedByUid = new Map(shared.map((row) => [row.iCalUid, row.id]));

      const existing: PlacedEvent[] = [];
      const created: PlacedEvent[] = [];
      for (const event of events) {
        const id = knownIds.get(event.externalId) ?? (event.iCalUid ? sharedByUid.get(event.iCalUid) : undefined);
        if (id) {
          existing.push({ event, calendarEventId: id });
          continue;
        }
        const placed = { event, calendarEventId: randomUUID() };
        created.push(placed);
        if (event.iCalUid) sharedByUid.set(event.iCalUid, placed.calendarEventId);
      }

      await createContacts(manager, page.workspaceId, directory, calendarContactCandidates(events, channel));
      if (created.length > 0) await insertEvents(manager, page.workspaceId, created);
      if (existing.length > 0) await updateEvents(manager, existing);
      await this.writeParticipants(manager, page.workspaceId, created, existing, directory);
      await upsertAssociations(manager, page, [...created, ...existing]);
      await deleteOrphanedCalendarEvents(manager, page.workspaceId, dropped);
      if (page.checkpoint) await page.checkpoint(manager);
      const newHere = events.filter((event) => !knownIds.has(event.externalId)).length;
      return { created: newHere, updated: events.length - newHere, deleted };
    });
    directory.commit();
    return result;
  }

  async restartCalendar(workspaceId: string, calendarChannelId: string, calendarExternalId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "calendarChannelEventAssociation" SET "calendarExternalId" = NULL, "updatedAt" = now()
       WHERE "workspaceId" = $1 AND "calendarChannelId" = $2 AND "calendarExternalId" = $3 AND "eventExternalId" NOT LIKE 'pending:%'`,
      [workspaceId, calendarChannelId, calendarExternalId],
    );
  }

  async deleteDetachedEvents(workspaceId: string, calendarChannelId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT e."id" FROM "calendarEvent" e WHERE e."id" IN (SELECT a."calendarEventId" FROM "calendarChannelEventAssociation" a
           WHERE a."workspaceId" = $1 AND a."calendarChannelId" = $2 AND a."calendarExternalId" IS NULL AND a."eventExternalId" NOT LIKE 'pending:%')
         ORDER BY e."id" FOR UPDATE`,
        [workspaceId, calendarChannelId],
      );
      const detached = await updateReturning<{ calendarEventId: string }>(
        manager,
        `DELETE FROM "calendarChannelEventAssociation" WHERE "workspaceId" = $1 AND "calendarChannelId" = $2 AND "calendarExternalId" IS NULL AND "eventExternalId" NOT LIKE 'pending:%' RETURNING "calendarEventId"`,
        [workspaceId, calendarChannelId],
      );
      await deleteOrphanedCalendarEvents(manager, workspaceId, detached.map((row) => row.calendarEventId));
      return detached.length;
    });
  }

  async countChannelEvents(workspaceId: string, calendarChannelId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS "count" FROM "calendarChannelEventAssociation" WHERE "workspaceId" = $1 AND "calendarChannelId" = $2 AND "calendarExternalId" IS NOT NULL`,
      [workspaceId, calendarChannelId],
    );
    return count;
  }

  async linkUnmatchedParticipants(workspaceId: string, calendarChannelId: string): Promise<number> {
    const linked = await updateReturning<{ id: string }>(
      this.dataSource.manager,
      `UPDATE "calendarEventParticipant" cp SET "personId" = p."id"
       FROM "calendarChannelEventAssociation" a, "person" p
       WHERE a."workspaceId" = $1 AND a."calendarChannelId" = $2 AND cp."calendarEventId" = a."calendarEventId"
         AND cp."workspaceId" = $1 AND cp."personId" IS NULL AND cp."workspaceMemberId" IS NULL
         AND p."workspaceId" = $1 AND p."deletedAt" IS NULL
         AND (lower(p."emailsPrimaryEmail") = lower(cp."handle") OR lower(cp."handle") = ANY(p."emailsAdditionalEmails"))
       RETURNING cp."id"`,
      [workspaceId, calendarChannelId],
    );
    return linked.length;
  }

  private async removeAssociations(manager: EntityManager, page: CalendarEventsPage, removed: string[], dropped: string[]): Promise<number> {
    if (removed.length === 0) return 0;
    const rows = await updateReturning<{ calendarEventId: string }>(
      manager,
      `DELETE FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1 AND "eventExternalId" = ANY($2::text[]) RETURNING "calendarEventId"`,
      [page.calendarChannelId, removed],
    );
    dropped.push(...rows.map((row) => row.calendarEventId));
    return rows.length;
  }

  /** An exception stands where its occurrence was: an occurrence of the same series at that start, under another id, goes. */
  private async dropReplacedOccurrences(manager: EntityManager, page: CalendarEventsPage, events: ImportedCalendarEvent[], dropped: string[]): Promise<void> {
    const exceptions = events.filter((event) => event.recurringEventExternalId && event.replacesOccurrenceAt);
    if (exceptions.length === 0) return;
    const rows = await updateReturning<{ calendarEventId: string }>(
      manager,
      `DELETE FROM "calendarChannelEventAssociation" a USING "calendarEvent" e, unnest($2::text[], $3::text[], $4::timestamptz[]) AS t(series, ext, at)
       WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" = t.series AND a."eventExternalId" <> t.ext
         AND e."id" = a."calendarEventId" AND e."startsAt" = t.at AND NOT (a."eventExternalId" = ANY($2::text[]))
       RETURNING a."calendarEventId"`,
      [page.calendarChannelId, exceptions.map((event) => event.recurringEventExternalId), exceptions.map((event) => event.externalId), exceptions.map((event) => event.replacesOccurrenceAt)],
    );
    dropped.push(...rows.map((row) => row.calendarEventId));
  }

  /** New events get their participants; known ones have theirs replaced only when who or how they answered changed. */
  private async writeParticipants(manager: EntityManager, workspaceId: string, created: PlacedEvent[], existing: PlacedEvent[], directory: ParticipantLookup): Promise<void> {
    const stored: Array<{ calendarEventId: string; handle: string; displayName: string; isOrganizer: boolean; responseStatus: string }> = existing.length === 0 ? [] : await manager.query(
      `SELECT "calendarEventId", "handle", "displayName", "isOrganizer", "responseStatus" FROM "calendarEventParticipant"
       WHERE "workspaceId" = $1 AND "calendarEventId" = ANY($2::uuid[]) AND "deletedAt" IS NULL`,
      [workspaceId, existing.map((placed) => placed.calendarEventId)],
    );
    const storedSignature = new Map<string, string[]>();
    for (const row of stored) storedSignature.set(row.calendarEventId, [...(storedSignature.get(row.calendarEventId) ?? []), participantKey(row)]);
    const changed = existing.filter((placed) => signature(placed.event.participants.map(participantKey)) !== signature(storedSignature.get(placed.calendarEventId) ?? []));
    // One event can appear twice in a page (two calendars of the channel); its participants are written once.
    const rewrite = [...new Map([...created, ...changed].map((placed) => [placed.calendarEventId, placed])).values()];
    if (changed.length > 0) {
      await manager.query(`DELETE FROM "calendarEventParticipant" WHERE "workspaceId" = $1 AND "calendarEventId" = ANY($2::uuid[])`, [workspaceId, changed.map((placed) => placed.calendarEventId)]);
    }
    const rows = rewrite.flatMap((placed) => placed.event.participants.map((participant) => ({ eventId: placed.calendarEventId, ...participant, match: directory.lookup(participant.handle) })));
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO "calendarEventParticipant" ("workspaceId", "calendarEventId", "handle", "displayName", "isOrganizer", "responseStatus", "personId", "workspaceMemberId")
       SELECT $1, event, handle, name, organizer, response, person, member
       FROM unnest($2::uuid[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::uuid[], $8::uuid[]) AS t(event, handle, name, organizer, response, person, member)`,
      [
        workspaceId,
        rows.map((row) => row.eventId),
        rows.map((row) => row.handle),
        rows.map((row) => row.displayName),
        rows.map((row) => row.isOrganizer),
        rows.map((row) => row.responseStatus),
        rows.map((row) => row.match?.personId ?? null),
        rows.map((row) => row.match?.workspaceMemberId ?? null),
      ],
    );
  }

  private async loadDirectory(workspaceId: string, manager: EntityManager = this.dataSource.manager): Promise<ParticipantDirectory> {
    this.directory ??= await ParticipantDirectory.load(manager, workspaceId);
    return this.directory;
  }

  private async channelContext(workspaceId: string, calendarChannelId: string, manager: EntityManager = this.dataSource.manager): Promise<ChannelContext> {
    const cached = this.channels.get(calendarChannelId);
    if (cached) return cached;
    const [row] = await manager.query(
      `SELECT c."isContactAutoCreationEnabled", c."contactAutoCreationPolicy", a."handle", a."handleAliases", a."accountOwnerId"
       FROM "calendarChannel" c JOIN "connectedAccount" a ON a."id" = c."connectedAccountId" WHERE c."workspaceId" = $1 AND c."id" = $2`,
      [workspaceId, calendarChannelId],
    );
    if (!row) throw new Error(`Calendar channel ${calendarChannelId} not found`);
    const context: ChannelContext = {
      isContactAutoCreationEnabled: row.isContactAutoCreationEnabled,
      contactAutoCreationPolicy: row.contactAutoCreationPolicy,
      ownHandles: new Set([row.handle, ...(row.handleAliases ?? [])].map((handle: string) => handle.toLowerCase())),
      blocked: await loadOwnerBlocklist(manager, workspaceId, row.accountOwnerId),
    };
    this.channels.set(calendarChannelId, context);
    return context;
  }
}

/** An address or its whole domain (`@example.com`) on the owner's blocklist; the owner's own addresses never are. */
function isBlocked(channel: ChannelContext, handle: string): boolean {
  const address = handle.toLowerCase();
  if (channel.blocked.size === 0 || channel.ownHandles.has(address)) return false;
  return blocklistHas(channel.blocked, address);
}

const participantKey = (participant: { handle: string; displayName: string; isOrganizer: boolean; responseStatus: string }) =>
  JSON.stringify([participant.handle.toLowerCase(), participant.displayName, participant.isOrganizer, participant.responseStatus]);
const signature = (keys: string[]) => [...keys].sort().join('\n');

/** The event columns, in the order insertEvents and updateEvents unnest them. */
function eventColumns(placed: PlacedEvent[]): unknown[][] {
  const events = placed.map((entry) => entry.event);
  return [
    placed.map((entry) => entry.calendarEventId),
    events.map((event) => event.title),
    events.map((event) => event.isCanceled),
    events.map((event) => event.isFullDay),
    events.map((event) => event.startsAt),
    events.map((event) => event.endsAt),
    events.map((event) => event.externalCreatedAt),
    events.map((event) => event.externalUpdatedAt),
    events.map((event) => event.description),
    events.map((event) => event.location),
    events.map((event) => event.iCalUid),
    events.map((event) => event.conferenceSolution),
    events.map((event) => event.conferenceLinkUrl),
    events.map((event) => event.conferenceLinkLabel),
    events.map((event) => event.recurringEventExternalId),
    events.map((event) => event.timeZone),
  ];
}

const EVENT_TYPES = ['uuid', 'text', 'boolean', 'boolean', 'timestamptz', 'timestamptz', 'timestamptz', 'timestamptz', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];

/** The unnest of eventColumns' arrays, its parameters numbered from `first`. */
const unnestEvents = (first: number) =>
  `unnest(${EVENT_TYPES.map((type, index) => `$${first + index}::${type}[]`).join(', ')})
   AS t(id, title, canceled, fullday, starts, ends, created, updated, description, location, uid, conference, url, label, recurring, zone)`;

async function insertEvents(manager: EntityManager, workspaceId: string, created: PlacedEvent[]): Promise<void> {
  await manager.query(
    `INSERT INTO "calendarEvent" ("id", "workspaceId", "title", "isCanceled", "isFullDay", "startsAt", "endsAt", "externalCreatedAt", "externalUpdatedAt",
       "description", "location", "iCalUid", "conferenceSolution", "conferenceLinkPrimaryLinkUrl", "conferenceLinkPrimaryLinkLabel", "recurringEventExternalId", "timeZone")
     SELECT id, $1, title, canceled, fullday, starts, ends, created, updated, description, location, uid, conference, url, label, recurring, zone FROM ${unnestEvents(2)}`,
    [workspaceId, ...eventColumns(created)],
  );
}

/** Rows that did not change are not written (a replayed page, the same meeting seen from a second calendar). */
async function updateEvents(manager: EntityManager, existing: PlacedEvent[]): Promise<void> {
  const unique = [...new Map(existing.map((placed) => [placed.calendarEventId, placed])).values()];
  await manager.query(
    `UPDATE "calendarEvent" e SET "title" = t.title, "isCanceled" = t.canceled, "isFullDay" = t.fullday, "startsAt" = t.starts, "endsAt" = t.ends,
       "externalCreatedAt" = t.created, "externalUpdatedAt" = t.updated, "description" = t.description, "location" = t.location,
       "iCalUid" = COALESCE(t.uid, e."iCalUid"), "conferenceSolution" = t.conference, "conferenceLinkPrimaryLinkUrl" = t.url,
       "conferenceLinkPrimaryLinkLabel" = t.label, "recurringEventExternalId" = t.recurring, "timeZone" = t.zone, "updatedAt" = now()
     FROM ${unnestEvents(1)}
     WHERE e."id" = t.id AND (e."title", e."isCanceled", e."isFullDay", e."startsAt", e."endsAt", e."externalUpdatedAt", e."description", e."location",
       e."conferenceSolution", e."conferenceLinkPrimaryLinkUrl", e."conferenceLinkPrimaryLinkLabel", e."recurringEventExternalId", e."timeZone")
       IS DISTINCT FROM (t.title, t.canceled, t.fullday, t.starts, t.ends, t.updated, t.description, t.location, t.conference, t.url, t.label, t.recurring, t.zone)`,
    eventColumns(unique),
  );
}

async function upsertAssociations(manager: EntityManager, page: CalendarEventsPage, placed: PlacedEvent[]): Promise<void> {
  await manager.query(
    `INSERT INTO "calendarChannelEventAssociation" ("workspaceId", "calendarChannelId", "eventExternalId", "recurringEventExternalId", "calendarExternalId", "isPrivate", "calendarEventId")
     SELECT $1, $2, ext, recurring, calendar, private, event FROM unnest($3::text[], $4::text[], $5::text[], $6::boolean[], $7::uuid[]) AS t(ext, recurring, calendar, private, event)
     ON CONFLICT ("calendarChannelId", "eventExternalId") DO UPDATE SET "recurringEventExternalId" = EXCLUDED."recurringEventExternalId",
       "calendarExternalId" = EXCLUDED."calendarExternalId", "isPrivate" = EXCLUDED."isPrivate", "calendarEventId" = EXCLUDED."calendarEventId", "updatedAt" = now()`,
    [
      page.workspaceId,
      page.calendarChannelId,
      placed.map((entry) => entry.event.externalId),
      placed.map((entry) => entry.event.recurringEventExternalId),
      placed.map((entry) => entry.event.calendarExternalId),
      placed.map((entry) => entry.event.isPrivate),
      placed.map((entry) => entry.calendarEventId),
    ],
  );
}

/**
 * The event rows a page may update or delete, locked in id order before any of their associations is touched: the
 * host's own delete of an event locks its row and then its associations, so taking them the other way round
 * deadlocked against it. Covers the page's events, its removals and the occurrences its exceptions replace.
 */
async function lockEventRows(manager: EntityManager, page: CalendarEventsPage, externalIds: string[], events: ImportedCalendarEvent[]): Promise<void> {
  if (externalIds.length === 0) return;
  const exceptions = events.filter((event) => event.recurringEventExternalId && event.replacesOccurrenceAt);
  await manager.query(
    `SELECT e."id" FROM "calendarEvent" e WHERE e."id" IN (
       SELECT a."calendarEventId" FROM "calendarChannelEventAssociation" a WHERE a."calendarChannelId" = $1 AND a."eventExternalId" = ANY($2::text[])
       UNION
       SELECT a."calendarEventId" FROM "calendarChannelEventAssociation" a JOIN unnest($3::text[], $4::timestamptz[]) AS t(series, at) ON a."recurringEventExternalId" = t.series
         JOIN "calendarEvent" o ON o."id" = a."calendarEventId" AND o."startsAt" = t.at
       WHERE a."calendarChannelId" = $1)
     ORDER BY e."id" FOR UPDATE`,
    [page.calendarChannelId, externalIds, exceptions.map((event) => event.recurringEventExternalId), exceptions.map((event) => event.replacesOccurrenceAt)],
  );
}

/**
 * Pages of one member's calendars, and of colleagues' calendars holding the same meetings, are written side by side;
 * these transaction locks make one meeting one calendarEvent. The series key lets a whole-series write to Outlook
 * hold back every page carrying one of its occurrences. Taken in a fixed order: no deadlock.
 */
async function lockEvents(manager: EntityManager, page: CalendarEventsPage, events: ImportedCalendarEvent[], removed: string[]): Promise<void> {
  const keys = [
    ...events.filter((event) => event.recurringEventExternalId).map((event) => seriesLockKey(page.calendarChannelId, event.recurringEventExternalId!)),
    ...events.filter((event) => event.iCalUid).map((event) => meetingLockKey(page.workspaceId, event.iCalUid!)),
    ...[...events.map((event) => event.externalId), ...removed].map((id) => eventLockKey(page.calendarChannelId, id)),
  ];
  if (keys.length === 0) return;
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) AS s`, [keys]);
}
