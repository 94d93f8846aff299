// Stage: CRM edit → visible in Outlook, while push traffic flows. Each of the 500 CRM edits is the dev host's
// `updateCalendarEvent(id, scope, patch)` mutation as the signed-in member (a new title for one single event), timed
// from before the mutation until the emulator's admin view of the mailbox shows the title. Meanwhile another loop
// edits other events in Outlook as the user (PATCH /me/events/{id}), so that change notifications, the plugin's push
// passes and their delta reads run beside the outbound writes; those edits must reach the CRM too.
//
// Echoes: each outbound write comes back to the plugin as a change notification and through the calendar delta. The
// plugin's echo filter counts the echoes it recognised (`CalendarEchoFilter.skipped`); an echo re-applied is an
// edited CRM row written again after the plugin acknowledged its write (its `updatedAt` later than the outbox row's
// `appliedAt`, both set by `now()` of the acknowledging transaction) — once push has settled and one more full pass ran.
import type { DataSource } from 'typeorm';
import type { AccountGraphClient } from '../../server-module/src/graph/account-graph-client.js';
import type { TestHttpClient } from '../../test-support/index.js';
import type { EmulatorAdmin } from '../bench-fixtures.js';
import type { OutboundFigures } from './calendar-messages.js';

const MUTATION = 'updateCalendarEvent';
const VISIBLE_WITHIN_MS = 10_000;
/** The Outlook-side edits beside the CRM's: one at a time, this far apart (about 10 a second with the PATCH's own time). */
const OUTLOOK_EDIT_GAP_MS = 50;

/** The CRM edit: a new title for one calendarEvent, through the host's GraphQL as the signed-in member. */
async function crmEdit(client: TestHttpClient, calendarEventId: string, title: string): Promise<void> {
  const result = await client.graphql<{ updateCalendarEvent: { id: string; outboundStatus: string } }>(
    `mutation ($id: ID!, $patch: CalendarEventPatch!) { ${MUTATION}(id: $id, scope: THIS_EVENT, patch: $patch) { id outboundStatus } }`,
    { id: calendarEventId, patch: { title } },
  );
  if (result.errors?.length || !result.data) throw new Error(`${MUTATION}: ${JSON.stringify(result.errors ?? null).slice(0, 300)}`);
}

async function hasMutation(client: TestHttpClient): Promise<boolean> {
  const result = await client.graphql<{ __schema: { mutationType: { fields: Array<{ name: string }> } | null } }>(`{ __schema { mutationType { fields { name } } } }`);
  // A schema that cannot be read must not pass for one without the mutation.
  if (!result.data) throw new Error(`the dev host's GraphQL schema could not be read: ${JSON.stringify(result.errors ?? null).slice(0, 300)}`);
  return Boolean(result.data.__schema.mutationType?.fields.some((field) => field.name === MUTATION));
}

export interface OutboundContext {
  client: TestHttpClient;
  admin: EmulatorAdmin;
  /** Graph as the bench user, for the Outlook-side edits. */
  graph: AccountGraphClient;
  dataSource: DataSource;
  calendarChannelId: string;
  user: string;
  edits: number;
  /** Echoes the plugin's filter recognised so far. */
  echoesSkipped: () => number;
  /** Until push has delivered every notification so far. */
  settle: () => Promise<void>;
  /** One full calendar pass. */
  pass: () => Promise<void>;
  /** The host's last warnings and errors. */
  recentLogs: () => string[];
}

/** What the plugin's outbox says of an event's writes, for an edit that did not show. */
async function outboxState(dataSource: DataSource, calendarEventId: string): Promise<string> {
  const rows: Array<Record<string, unknown>> = await dataSource.query(
    `SELECT "status", "attempts", "message", "leaseUntil", "baseChangeKey", "resultChangeKey", "createdAt", "appliedAt", "updatedAt" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = $1 ORDER BY "createdAt"`,
    [calendarEventId],
  );
  return JSON.stringify(rows);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForTitle(dataSource: DataSource, calendarChannelId: string, externalId: string, title: string): Promise<void> {
  const deadline = performance.now() + VISIBLE_WITHIN_MS;
  for (;;) {
    const [seen] = await dataSource.query(
      `SELECT 1 FROM "calendarChannelEventAssociation" a JOIN "calendarEvent" e ON e."id" = a."calendarEventId" WHERE a."calendarChannelId" = $1 AND a."eventExternalId" = $2 AND e."title" = $3`,
      [calendarChannelId, externalId, title],
    );
    if (seen) return;
    if (performance.now() > deadline) throw new Error(`the Outlook edit "${title}" (${externalId}) is not in the CRM after ${VISIBLE_WITHIN_MS / 1000} s`);
    await sleep(20);
  }
}

export async function measureOutbound(context: OutboundContext): Promise<OutboundFigures> {
  const empty = { samples: [], echoesReapplied: null, echoesSkipped: null, outlookEdits: 0, outboxNotApplied: null };
  if (!(await hasMutation(context.client))) return { via: 'none', notMeasured: 'outbound writes not in this build', ...empty };

  // Single events of the member's own calendars: the first `edits` by id for the CRM, the next as many for Outlook.
  const rows: Array<{ calendarEventId: string; externalId: string }> = await context.dataSource.query(
    `SELECT a."calendarEventId", a."eventExternalId" AS "externalId" FROM "calendarChannelEventAssociation" a
     WHERE a."calendarChannelId" = $1 AND a."recurringEventExternalId" IS NULL AND a."calendarExternalId" IS NOT NULL ORDER BY a."eventExternalId" LIMIT $2`,
    [context.calendarChannelId, context.edits * 2],
  );
  const targets = rows.slice(0, context.edits);
  const outlookTargets = rows.slice(context.edits);
  const skippedBefore = context.echoesSkipped();

  // Outlook-side edits on other events until the CRM's edits are done; each must reach the CRM afterwards.
  let crmDone = false;
  const outlookEdits: Array<{ externalId: string; title: string }> = [];
  const outlookLoop = (async () => {
    for (let index = 0; !crmDone; index += 1) {
      const target = outlookTargets[index % outlookTargets.length]!;
      const title = `Outlook edit beside the CRM's ${index}`;
      await context.graph.request((client) => client.api(`/me/events/${encodeURIComponent(target.externalId)}`).patch({ subject: title }));
      outlookEdits.push({ externalId: target.externalId, title });
      await sleep(OUTLOOK_EDIT_GAP_MS);
    }
  })();

  const samples: number[] = [];
  try {
    for (const [index, target] of targets.entries()) {
      const title = `CRM edit ${index}`;
      const started = performance.now();
      await crmEdit(context.client, target.calendarEventId, title);
      const deadline = started + VISIBLE_WITHIN_MS;
      for (;;) {
        const event = await context.admin.call<{ subject: string }>('GET', `/mailboxes/${encodeURIComponent(context.user)}/events/${encodeURIComponent(target.externalId)}`);
        if (event.subject === title) break;
        if (performance.now() > deadline) {
          throw new Error(
            `"${title}" not in Outlook after ${VISIBLE_WITHIN_MS / 1000} s (it shows "${event.subject}"); the outbox: ${await outboxState(context.dataSource, target.calendarEventId)}; host log: ${context.recentLogs().join(' | ') || 'nothing'}`,
          );
        }
        await sleep(5);
      }
      samples.push(performance.now() - started);
    }
  } catch (error) {
    crmDone = true;
    await outlookLoop.catch(() => undefined);
    return { via: 'mutation', notMeasured: `outbound edit failed: ${error instanceof Error ? error.message : String(error)}`, ...empty, samples };
  }
  crmDone = true;
  await outlookLoop;

  // The last edit of each Outlook-side event is in the CRM (push delivered them beside the outbound writes).
  const lastTitle = new Map(outlookEdits.map((edit) => [edit.externalId, edit.title]));
  for (const [externalId, title] of lastTitle) await waitForTitle(context.dataSource, context.calendarChannelId, externalId, title);

  // Every write acknowledged, every notification passed, then one full pass: an echo that was going to be re-applied was.
  const ids = targets.map((target) => target.calendarEventId);
  const outboxDeadline = performance.now() + VISIBLE_WITHIN_MS;
  for (;;) {
    const [{ pending }] = await context.dataSource.query(`SELECT count(*)::int AS "pending" FROM "microsoftCalendarOutbox" WHERE "calendarEventId" = ANY($1::uuid[]) AND "status" = 'PENDING'`, [ids]);
    if (pending === 0) break;
    if (performance.now() > outboxDeadline) throw new Error(`${pending} outbound writes still pending ${VISIBLE_WITHIN_MS / 1000} s after the last edit showed in Outlook`);
    await sleep(20);
  }
  await context.settle();
  await context.pass();
  const [counts] = await context.dataSource.query(
    `WITH "last" AS (SELECT DISTINCT ON ("calendarEventId") "calendarEventId", "status", "appliedAt" FROM "microsoftCalendarOutbox"
                     WHERE "calendarEventId" = ANY($1::uuid[]) ORDER BY "calendarEventId", "createdAt" DESC, "id" DESC)
     SELECT count(*) FILTER (WHERE l."status" <> 'APPLIED')::int AS "notApplied",
            count(*) FILTER (WHERE l."status" = 'APPLIED' AND e."updatedAt" > l."appliedAt")::int AS "reapplied"
     FROM "last" l JOIN "calendarEvent" e ON e."id" = l."calendarEventId"`,
    [ids],
  );
  // The rows written again, to say what changed (the output's line shows them).
  const reapplied: Array<Record<string, unknown>> = counts.reapplied === 0 ? [] : await context.dataSource.query(
    `WITH "last" AS (SELECT DISTINCT ON ("calendarEventId") "calendarEventId", "appliedAt", "resultChangeKey", "fields" FROM "microsoftCalendarOutbox"
                     WHERE "calendarEventId" = ANY($1::uuid[]) AND "status" = 'APPLIED' ORDER BY "calendarEventId", "createdAt" DESC, "id" DESC)
     SELECT a."eventExternalId", e."title", e."externalUpdatedAt", e."startsAt", e."endsAt", e."timeZone", l."appliedAt", e."updatedAt", l."resultChangeKey",
            (SELECT json_agg(json_build_object('changeKey', k."changeKey", 'byPlugin', k."writtenByPlugin", 'seenAt', k."seenAt") ORDER BY k."seenAt") FROM "microsoftCalendarEventChangeKey" k
              WHERE k."calendarChannelId" = $2 AND k."eventExternalId" = a."eventExternalId") AS "changeKeys"
     FROM "last" l JOIN "calendarEvent" e ON e."id" = l."calendarEventId" JOIN "calendarChannelEventAssociation" a ON a."calendarEventId" = e."id" AND a."calendarChannelId" = $2
     WHERE e."updatedAt" > l."appliedAt" LIMIT 3`,
    [ids, context.calendarChannelId],
  );
  return {
    reappliedExamples: reapplied.map((row) => JSON.stringify(row)),
    via: 'mutation',
    notMeasured: null,
    samples,
    echoesReapplied: counts.reapplied,
    echoesSkipped: context.echoesSkipped() - skippedBefore,
    outlookEdits: outlookEdits.length,
    outboxNotApplied: counts.notApplied,
  };
}
