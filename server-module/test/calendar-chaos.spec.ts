import { CalendarOutboundJobs, CalendarSyncService, GraphClientFactory, MicrosoftTokenService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, TestHttpClient, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { AccountGraphClient } from '../src/graph/account-graph-client.js';

const MAILBOXES = [
  { member: 'megan.bowen@contoso.com', user: 'megan.bowen@contoso.com' },
  { member: 'alex.wilber@contoso.com', user: 'alex.wilber@contoso.com' },
  { member: 'alex.wilber@contoso.com', user: 'lee.gu@fabrikam.com' },
];
const OPERATIONS = 240;
const VIEW = { start: '2026-12-01T00:00:00Z', end: '2027-07-01T00:00:00Z' };
const UPDATE = `mutation ($id: ID!, $scope: CalendarEventEditScope, $patch: CalendarEventPatch!) { updateCalendarEvent(id: $id, scope: $scope, patch: $patch) { id } }`;
const CREATE = `mutation ($channel: ID!, $input: CalendarEventInput!) { createCalendarEvent(calendarChannelId: $channel, input: $input) { id } }`;
const DELETE = `mutation ($id: ID!, $scope: CalendarEventEditScope) { deleteCalendarEvent(id: $id, scope: $scope) }`;

interface Mailbox extends ConnectedMailbox {
  user: string;
  calendarChannelId: string;
  client: TestHttpClient;
}

interface CrmRow {
  calendarEventId: string;
  eventExternalId: string;
  recurringEventExternalId: string | null;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

/** A small deterministic PRNG, so a failing run can be replayed with the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const iso = (date: Date) => date.toISOString().slice(0, 19);
const shifted = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);

/**
 * Three connected mailboxes with push on, notifications dropped, duplicated and delayed, Graph answering 429 / 5xx
 * (inside `$batch` too), delta pages replayed and delta tokens invalidated, lifecycle events; meanwhile events are
 * created, edited and deleted both in Outlook and in the CRM, the same events on both sides at times. Once quiet,
 * every mailbox's CRM rows equal what Outlook shows, once each, and no write's echo was applied again.
 */
describe('Calendar chaos across three mailboxes: both sides editing, push and Graph misbehaving', () => {
  let host: TestHost;
  let admin: TestHttpClient;
  const mailboxes: Mailbox[] = [];
  const seed = Number(process.env.CHAOS_SEED ?? 20261202);
  const next = random(seed);
  const pick = <T>(items: T[]): T | undefined => items[Math.floor(next() * items.length)];
  /** Events created in the CRM, and single events the CRM edited, during the run; and those Outlook changed as well. */
  const crmOnly = new Set<string>();
  const editedInCrm = new Set<string>();
  const touchedInOutlook = new Set<string>();
  const refusals: string[] = [];

  const query = (sql: string, params: unknown[] = []) => host.dataSource.query(sql, params);
  const adminCall = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown> | null> => {
    const response = await admin.request(method, `/_admin${path}`, { body });
    // The CRM may have deleted or changed the event a moment ago: Outlook's refusal is part of the run.
    if (response.status === 404 || response.status === 400 || response.status === 412) return null;
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
    return response.status === 204 ? {} : response.json<Record<string, unknown>>();
  };
  const mutate = async (mailbox: Mailbox, text: string, variables: Record<string, unknown>) => {
    const result = await mailbox.client.graphql(text, variables);
    if (result.errors?.length) {
      refusals.push(result.errors[0].message as string);
      return null;
    }
    return result.data as Record<string, { id?: string }>;
  };
  const crmRows = async (mailbox: Mailbox): Promise<CrmRow[]> => query(
    `SELECT a."calendarEventId", a."eventExternalId", a."recurringEventExternalId", e."title", e."startsAt", e."endsAt"
     FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId"
     WHERE a."calendarChannelId" = $1 AND e."deletedAt" IS NULL ORDER BY a."eventExternalId"`,
    [mailbox.calendarChannelId],
  );
  const outlookView = async (mailbox: Mailbox) => {
    const graph = new AccountGraphClient(host.app.get(GraphClientFactory), host.app.get(MicrosoftTokenService), mailbox.workspaceId, mailbox.connectedAccountId);
    const items: Array<{ id: string; subject: string; start: { dateTime: string }; end: { dateTime: string }; isCancelled?: boolean }> = [];
    let link: string | undefined = `/me/calendarView?startDateTime=${VIEW.start}&endDateTime=${VIEW.end}&$top=200`;
    while (link) {
      const current: string = link;
      const page: { value: typeof items; '@odata.nextLink'?: string } = await graph.request((client) => client.api(current).header('Prefer', 'outlook.timezone="UTC"').get());
      items.push(...page.value);
      link = page['@odata.nextLink'];
    }
    return items.filter((item) => !item.isCancelled);
  };
  const asCrm = (rows: CrmRow[]) => rows.map((row) => [row.eventExternalId, row.title, iso(row.startsAt), iso(row.endsAt)].join(' | ')).sort();
  const asOutlook = (items: Awaited<ReturnType<typeof outlookView>>) => items.map((item) => [item.id, item.subject, item.start.dateTime.slice(0, 19), item.end.dateTime.slice(0, 19)].join(' | ')).sort();
  const syncNow = async (mailbox: Mailbox) => {
    for (let attempt = 0; attempt < 400; attempt += 1) {
      const outcome = await host.app.get(CalendarSyncService).syncChannel(mailbox.workspaceId, mailbox.calendarChannelId).catch(() => 'failed');
      if (outcome !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('calendar channel stayed busy');
  };
  const calendarSubscription = async (mailbox: Mailbox) =>
    (await query(`SELECT "graphSubscriptionId", "status" FROM "microsoftSubscription" WHERE "channelId" = $1 AND "kind" = 'calendar'`, [mailbox.calendarChannelId]))[0] as { graphSubscriptionId: string; status: string } | undefined;

  beforeAll(async () => {
    host = await startTestHost();
    admin = new TestHttpClient(host.emulator!.baseUrl, host.emulator!.caCertPem);
    const memberClients = new Map<string, TestHttpClient>();
    for (const [index, { member, user }] of MAILBOXES.entries()) {
      for (let day = 0; day < 8; day += 1) {
        const start = new Date(Date.UTC(2027, 0, 4 + day * 3 + index, 9 + (day % 5)));
        await adminCall('POST', `/mailboxes/${user}/events`, { subject: `Seeded ${index}.${day}`, start: { dateTime: iso(start), timeZone: 'UTC' }, end: { dateTime: iso(shifted(start, 60)), timeZone: 'UTC' } });
      }
      await adminCall('POST', `/mailboxes/${user}/events`, {
        subject: `Weekly ${index}`, start: { dateTime: '2027-01-05T08:00:00', timeZone: 'Eastern Standard Time' }, end: { dateTime: '2027-01-05T08:30:00', timeZone: 'Eastern Standard Time' },
        recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday', 'thursday'] }, range: { type: 'numbered', startDate: '2027-01-05', numberOfOccurrences: 8 } },
      });
      const client = memberClients.get(member) ?? host.newClient();
      memberClients.set(member, client);
      const mailbox = await connectMailbox(host, client, member, user);
      const [channel] = await query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [mailbox.connectedAccountId]);
      mailboxes.push({ ...mailbox, user, calendarChannelId: channel.id, client });
    }
    for (const mailbox of mailboxes) {
      await eventually(async () => (await crmRows(mailbox)).length === 16, 60_000, `the first calendar import of ${mailbox.user}`);
      await eventually(async () => (await calendarSubscription(mailbox))?.status === 'ACTIVE', 15_000, `the calendar subscription of ${mailbox.user}`);
    }
  });

  afterAll(async () => {
    await admin?.close();
    await host?.close();
  });

  it(`ends with every mailbox's CRM rows equal to Outlook after ${OPERATIONS} operations on both sides (seed ${seed})`, async () => {
    const subscriptions = host.emulator!.store.subscriptions;
    const mail = host.emulator!.store.mail;
    subscriptions.updateSettings({ dropRate: 0.05, missedOnDrop: true, duplicateRate: 0.1, deliveryDelayMs: 5, retryInitialDelayMs: 200 });
    // Counted per mailbox with mail, as Outlook does: the calendar's Graph calls (and $batch items) fail as mail's do.
    mail.updateSettings({ faults: { failureRate: 0.08, statuses: [429, 503, 504], retryAfterSeconds: 0, seed }, delta: { replayRate: 0.1 } });

    for (let operation = 0; operation < OPERATIONS; operation += 1) {
      const mailbox = pick(mailboxes)!;
      const rows = await crmRows(mailbox);
      const row = pick(rows);
      const roll = next();
      if (roll < 0.12) {
        const start = new Date(Date.UTC(2027, 1, 1 + Math.floor(next() * 60), 8 + Math.floor(next() * 9)));
        const made = await mutate(mailbox, CREATE, {
          channel: mailbox.calendarChannelId,
          input: { title: `CRM ${operation}`, startsAt: start.toISOString(), endsAt: shifted(start, 30).toISOString(), timeZone: pick(['UTC', 'Europe/Berlin', 'America/New_York']) },
        });
        if (made?.createCalendarEvent?.id) crmOnly.add(made.createCalendarEvent.id);
      } else if (roll < 0.4 && row) {
        // The CRM moves or renames an event (an occurrence alone, or now and then its whole series).
        const patch = next() < 0.5 ? { title: `${row.title.split(' ~')[0]} ~crm${operation}` } : { startsAt: shifted(row.startsAt, 60).toISOString(), endsAt: shifted(row.endsAt, 60).toISOString() };
        const scope = row.recurringEventExternalId && next() < 0.2 ? 'ALL_EVENTS' : 'THIS_EVENT';
        await mutate(mailbox, UPDATE, { id: row.calendarEventId, scope, patch });
        if (!row.recurringEventExternalId) editedInCrm.add(row.calendarEventId);
      } else if (roll < 0.46 && row) {
        await mutate(mailbox, DELETE, { id: row.calendarEventId, scope: 'THIS_EVENT' });
      } else if (roll < 0.55) {
        const start = new Date(Date.UTC(2027, 2, 1 + Math.floor(next() * 60), 8 + Math.floor(next() * 9)));
        await adminCall('POST', `/mailboxes/${mailbox.user}/events`, { subject: `Outlook ${operation}`, start: { dateTime: iso(start), timeZone: 'UTC' }, end: { dateTime: iso(shifted(start, 45)), timeZone: 'UTC' } });
      } else if (roll < 0.85 && row) {
        // Outlook edits what the CRM holds: the same events the CRM edits, now and then at the same moment.
        touchedInOutlook.add(row.calendarEventId);
        const body = next() < 0.5 ? { subject: `${row.title.split(' ~')[0]} ~outlook${operation}` } : { start: { dateTime: iso(shifted(row.startsAt, -30)), timeZone: 'UTC' }, end: { dateTime: iso(shifted(row.endsAt, -30)), timeZone: 'UTC' } };
        await adminCall('PATCH', `/mailboxes/${mailbox.user}/events/${encodeURIComponent(row.eventExternalId)}`, body);
      } else if (roll < 0.92 && row) {
        touchedInOutlook.add(row.calendarEventId);
        await adminCall('DELETE', `/mailboxes/${mailbox.user}/events/${encodeURIComponent(row.eventExternalId)}`);
      } else if (roll < 0.97) {
        const subscription = await calendarSubscription(mailbox);
        if (subscription?.status === 'ACTIVE' && subscriptions.get(subscription.graphSubscriptionId)) {
          host.emulator!.notifications.triggerLifecycle(subscription.graphSubscriptionId, pick(['missed', 'reauthorizationRequired', 'subscriptionRemoved'] as const)!);
        }
      } else {
        await adminCall('POST', '/calendar/delta/invalidate', { user: mailbox.user });
      }
      if (operation % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 30));
    }

    const totals = subscriptions.getTotals();
    const faults = mail.getRequestCounters().reduce((sum, counter) => sum + counter.faults, 0);
    // The chaos really happened: notifications dropped and duplicated, Graph calls failed, the CRM's writes went out.
    expect([totals.itemsDropped > 0, totals.itemsDuplicated > 0, faults > 0, crmOnly.size > 0]).toEqual([true, true, true, true]);

    subscriptions.updateSettings({ dropRate: 0, duplicateRate: 0, deliveryDelayMs: 0 });
    mail.updateSettings({ faults: { failureRate: 0 }, delta: { replayRate: 0 } });
    // Writes that ran out of job retries are picked up by the resume cron, run here rather than waited for.
    await eventually(async () => {
      await host.app.get(CalendarOutboundJobs).resumeStranded();
      return (await query(`SELECT count(*)::int AS n FROM "microsoftCalendarOutbox" WHERE "status" = 'PENDING'`))[0].n === 0;
    }, 90_000, 'every CRM change answered by Outlook');

    for (const mailbox of mailboxes) {
      // The periodic sync, the safety net under push, runs here until the channel has nothing left to catch up on.
      let last: { crm: string[]; outlook: string[] } = { crm: [], outlook: [] };
      await eventually(async () => {
        await syncNow(mailbox);
        last = { crm: asCrm(await crmRows(mailbox)), outlook: asOutlook(await outlookView(mailbox)) };
        return JSON.stringify(last.crm) === JSON.stringify(last.outlook);
      }, 60_000, `the CRM rows of ${mailbox.user} equal to Outlook`).catch(() => undefined);
      if (JSON.stringify(last.crm) !== JSON.stringify(last.outlook)) {
        // What the CRM sent of the events that differ, to tell why.
        const differing = [...last.crm.filter((line) => !last.outlook.includes(line)), ...last.outlook.filter((line) => !last.crm.includes(line))].flatMap((line) => [line.split(' | ')[0]!, line.split(' | ')[0]!.split('.OCC')[0]!]);
        const history = await query(
          `SELECT o."eventExternalId", o."recurringEventExternalId", o."kind", o."scope", o."status", o."message", o."fields", o."attempts", o."editedAt", o."appliedAt", o."createdAt" FROM "microsoftCalendarOutbox" o
           WHERE o."calendarChannelId" = $1 AND (o."eventExternalId" = ANY($2::text[]) OR o."recurringEventExternalId" = ANY($2::text[])) ORDER BY o."createdAt"`,
          [mailbox.calendarChannelId, differing],
        );
        const userId = host.emulator!.store.findUser(mailbox.user)!.id;
        const records = [...new Set(differing)].map((id) => host.emulator!.store.calendar.getEvent(userId, id)).filter(Boolean).map((record) => ({ id: record!.id, subject: record!.subject, modified: record!.lastModifiedDateTime, overrides: record!.overrides }));
        const keys = await query(`SELECT * FROM "microsoftCalendarEventChangeKey" WHERE "calendarChannelId" = $1 AND "eventExternalId" = ANY($2::text[]) ORDER BY "seenAt"`, [mailbox.calendarChannelId, differing]);
        console.log(`${mailbox.user} differs:`, JSON.stringify({ history, records, keys }, null, 1));
      }
      expect(last.crm).toEqual(last.outlook);
      const ids = (await crmRows(mailbox)).map((row) => row.eventExternalId);
      expect(new Set(ids).size).toBe(ids.length);
    }

    // No meeting twice in the workspace, and each CRM-created event once in Outlook.
    expect(await query(`SELECT "iCalUid", count(*)::int AS n FROM "calendarEvent" WHERE "iCalUid" IS NOT NULL AND "deletedAt" IS NULL GROUP BY 1 HAVING count(*) > 1`)).toEqual([]);
    const created = await query(`SELECT "id", "title" FROM "calendarEvent" WHERE "id" = ANY($1::uuid[])`, [[...crmOnly]]);
    for (const mailbox of mailboxes) {
      const subjects = (await outlookView(mailbox)).map((item) => item.subject).filter((subject) => /^CRM \d+/.test(subject));
      expect(new Set(subjects).size).toBe(subjects.length);
    }
    expect(created.length).toBeGreaterThan(0);

    // Echoes: a single event whose last change came from the CRM is not written again after that change's
    // acknowledgement (its echoes, by push or delta, replayed or not, are all skipped). Only edits: a create's echo
    // may be read before Outlook has answered with the id to lock, and then carries what its acknowledgement writes.
    const untouched = [...editedInCrm].filter((id) => !touchedInOutlook.has(id));
    const [echoes] = await query(
      `WITH "last" AS (SELECT DISTINCT ON ("calendarEventId") "calendarEventId", "kind", "status", "appliedAt" FROM "microsoftCalendarOutbox"
                       WHERE "calendarEventId" = ANY($1::uuid[]) ORDER BY "calendarEventId", "createdAt" DESC, "id" DESC)
       SELECT count(*)::int AS "checked", count(*) FILTER (WHERE e."updatedAt" > l."appliedAt")::int AS "reapplied"
       FROM "last" l JOIN "calendarEvent" e ON e."id" = l."calendarEventId" WHERE l."status" = 'APPLIED' AND l."kind" = 'UPDATED'`,
      [untouched],
    );
    if (echoes.reapplied > 0) {
      const rows = await query(
        `SELECT e."id", e."title", e."startsAt", e."updatedAt", e."externalUpdatedAt", a."eventExternalId", a."calendarChannelId",
           (SELECT json_agg(json_build_object('kind', o."kind", 'status', o."status", 'appliedAt', o."appliedAt", 'fields', o."fields", 'changeKey', o."resultChangeKey") ORDER BY o."createdAt") FROM "microsoftCalendarOutbox" o WHERE o."calendarEventId" = e."id") AS "writes",
           (SELECT json_agg(json_build_object('changeKey', k."changeKey", 'byPlugin', k."writtenByPlugin", 'seenAt', k."seenAt") ORDER BY k."seenAt") FROM "microsoftCalendarEventChangeKey" k WHERE k."calendarChannelId" = a."calendarChannelId" AND k."eventExternalId" = a."eventExternalId") AS "keys"
         FROM "calendarEvent" e JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" WHERE e."id" = ANY($1::uuid[])
           AND e."updatedAt" > (SELECT max(o."appliedAt") FROM "microsoftCalendarOutbox" o WHERE o."calendarEventId" = e."id")`,
        [untouched],
      );
      console.log('written again after their acknowledgement:', JSON.stringify(rows, null, 1));
    }
    expect(echoes.checked).toBeGreaterThan(0);
    expect(echoes.reapplied).toBe(0);
  }, 300_000);
});
