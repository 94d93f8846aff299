import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CalendarEventChangeKind, CalendarEventEditScope, CalendarEventWriteStatus, type CalendarChannelOwner, type CalendarEventLock } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../../config/microsoft-plugin-config.token.js';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import { GraphClientFactory } from '../../graph/graph-client.factory.js';
import { AccountGraphClient } from '../../graph/account-graph-client.js';
import { classifyGraphError } from '../../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind as Kind, type MicrosoftGraphException } from '../../graph/microsoft-graph.exception.js';
import { MicrosoftTokenService } from '../../tokens/microsoft-token.service.js';
import { toInstant } from '../event-time.util.js';
import { isImportable, toImportedEvent, type GraphEvent } from '../graph-event.mapper.js';
import { chooseSyncWindow } from '../calendar-view-delta.importer.js';
import { DEFAULT_CALENDAR_WINDOW } from '../calendar-sync.constants.js';
import { MicrosoftCalendarRepository } from '../microsoft-calendar.repository.js';
import { AccountPurgeRepository } from '../../disconnect/account-purge.repository.js';
import { CalendarOutboxRepository, type CalendarOutboxRecord, type StoredFields } from './calendar-outbox.repository.js';
import { conflictMessage, currentFields, decideConflict } from './conflict-rule.js';
import { toGraphDateTime, toGraphEventBody } from './graph-event-payload.js';

/** Times in UTC, text bodies and ids that survive moves: as the import reads events, so a write-back equals an import. */
const PREFER = 'outlook.timezone="UTC", outlook.body-content-type="text", IdType="ImmutableId"';
const CONFLICT_ROUNDS = 3;
/** Temporary failures are retried (by the job's backoff, then the resume cron) up to this many claims of the row. */
const MAX_ATTEMPTS = 20;
const RETRIED = new Set([Kind.THROTTLED, Kind.TEMPORARY, Kind.INTERNAL, Kind.UNAUTHENTICATED]);

interface Written {
  calendarExternalId: string;
  events: GraphEvent[];
  removed: string[];
  lost: Array<keyof StoredFields>;
}

const isStale = (error: unknown) => (error as MicrosoftGraphException)?.status === 412;
const eventPath = (id: string) => `/me/events/${encodeURIComponent(id)}`;

/**
 * Writes one outbox row to Outlook and acknowledges it. Each step is safe to repeat: a create carries the row's id
 * as its transactionId (Outlook returns the event it made the first time), an update goes with If-Match, a delete of
 * an event already gone is done. What Outlook answered is written back to the CRM in the same transaction as the
 * acknowledgement, with the changeKeys it gave (their echo through delta or push is then not re-applied).
 */
@Injectable()
export class CalendarOutboundApplier {
  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(MicrosoftCalendarRepository) private readonly calendars: MicrosoftCalendarRepository,
    @Inject(CalendarOutboxRepository) private readonly outbox: CalendarOutboxRepository,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
  ) {}

  async apply(row: CalendarOutboxRecord): Promise<void> {
    // The account is being disconnected: its outbox goes with it, and Outlook is not written any more.
    if (await this.purges.isChannelDisconnecting(row.calendarChannelId)) return;
    const channel = await this.records.calendarEventOutbound().findChannel(row.workspaceId, row.calendarChannelId);
    if (!channel) return this.outbox.finish(row.id, { status: CalendarEventWriteStatus.FAILED, message: 'The calendar account is no longer connected' });
    const graph = this.graphFor(channel, row.workspaceId);
    try {
      const lock = await this.lockFor(row);
      if (lock === null) {
        await this.acknowledge(row, channel, await this.send(graph, row, channel));
      } else {
        // A token from the cache inside the lock: its transaction may be the host's only connection. A failure here
        // comes back from the Graph call itself, classified as before.
        await this.tokens.getAccessToken(row.workspaceId, channel.connectedAccountId).catch(() => undefined);
        const target = row.eventExternalId || !lock.eventExternalId ? row : { ...row, eventExternalId: lock.eventExternalId };
        // The import's locks on the event (or the series), from before Outlook has the change until its changeKeys
        // are recorded: a page reading the event or one of the series' occurrences meanwhile waits, then knows the
        // echo. A retry (the job's backoff) runs without them.
        const locked = new AccountGraphClient(this.graphFactory, this.tokens, row.workspaceId, channel.connectedAccountId, false);
        const tokenBefore = this.tokens.peek(channel.connectedAccountId);
        try {
          await this.records.calendarEventOutbound().whileEventLocked(row.workspaceId, row.calendarChannelId, lock, async (transaction) => {
            const written = await this.send(locked, target, channel, transaction as EntityManager);
            await this.acknowledge(row, channel, written, transaction);
          });
        } catch (error) {
          // Refused token or grant: refreshed here, the lock released, so the token service has the connection.
          const failure = classifyGraphError(error);
          if (failure.kind === Kind.UNAUTHENTICATED || failure.kind === Kind.INSUFFICIENT_PERMISSIONS) {
            await this.tokens.getAccessToken(row.workspaceId, channel.connectedAccountId, { forceRefresh: true, rejectedToken: tokenBefore }).catch(() => undefined);
          }
          throw failure;
        }
      }
    } catch (error) {
      const failure = classifyGraphError(error);
      if (RETRIED.has(failure.kind) && failure.graphCode !== 'NeedsReconnect' && row.attempts < MAX_ATTEMPTS) {
        await this.outbox.release(row.id, failure.message);
        throw failure;
      }
      const message = failureMessage(failure);
      // Outlook refused the change for good: the CRM shows Outlook's version again rather than a change Outlook never had.
      if (row.kind !== CalendarEventChangeKind.CREATED && failure.graphCode !== 'NeedsReconnect') {
        try {
          return await this.revertToOutlook(graph, row, channel, message);
        } catch (readError) {
          // Outlook could not be read just now: the change is tried again (and refused again, then reverted) later.
          const readFailure = classifyGraphError(readError);
          if (RETRIED.has(readFailure.kind) && row.attempts < MAX_ATTEMPTS) {
            await this.outbox.release(row.id, readFailure.message);
            throw readFailure;
          }
        }
      }
      await this.outbox.finish(row.id, { status: CalendarEventWriteStatus.FAILED, message });
    }
  }

  graphFor(channel: CalendarChannelOwner, workspaceId: string): AccountGraphClient {
    return new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, channel.connectedAccountId);
  }

  /**
   * The import locks the write holds, or null: a create has no id yet (its bind takes the locks). A whole-series
   * write locks the series, so that the pages bringing back its occurrences wait for it; an occurrence locks its
   * series too (the import takes the series' key before the event's).
   */
  private async lockFor(row: CalendarOutboxRecord): Promise<CalendarEventLock | null> {
    if (row.kind === CalendarEventChangeKind.CREATED) return null;
    if (isSeriesWrite(row)) return { seriesExternalId: row.recurringEventExternalId, eventExternalId: row.kind === CalendarEventChangeKind.DELETED ? row.recurringEventExternalId : null };
    return { seriesExternalId: row.recurringEventExternalId, eventExternalId: await this.targetId(row) };
  }

  /**
   * After a refused update or delete: the CRM's row (or the series' rows) re-read from Outlook and written back as
   * Outlook has them, and the outbox row failed with why, in one transaction. An event gone from Outlook leaves the
   * CRM too. Throws what Outlook answered when it could not be read.
   */
  private async revertToOutlook(graph: AccountGraphClient, row: CalendarOutboxRecord, channel: CalendarChannelOwner, message: string): Promise<void> {
    const calendarExternalId = row.calendarExternalId ?? '';
    const series = isSeriesWrite(row) ? row.recurringEventExternalId : null;
    const id = series ?? (await this.targetId(row));
    let written: Written;
    try {
      if (series) {
        const instances = await this.instances(graph, channel, series, calendarExternalId);
        const ids = new Set(instances.map((instance) => instance.id));
        const held = await this.records.calendarEventOutbound().seriesOccurrenceExternalIds(row.workspaceId, row.calendarChannelId, series);
        written = { calendarExternalId, events: instances, removed: held.filter((each) => !ids.has(each)), lost: [] };
      } else {
        written = { calendarExternalId, events: [await this.fetch(graph, id)], removed: [], lost: [] };
      }
    } catch (error) {
      if (classifyGraphError(error).kind !== Kind.NOT_FOUND) throw error;
      const removed = series ? await this.records.calendarEventOutbound().seriesOccurrenceExternalIds(row.workspaceId, row.calendarChannelId, series) : [id];
      written = { calendarExternalId, events: [], removed, lost: [] };
    }
    const reverted = written.events.length > 0 ? "the CRM shows Outlook's version of the event again" : 'the event is gone from Outlook, and from the CRM too';
    await this.acknowledge(row, channel, written, undefined, { status: CalendarEventWriteStatus.FAILED, message: `${message}; ${reverted}`, writtenByPlugin: false });
  }

  /** The Graph side of a row: what a worker killed before its acknowledgement did and a retry repeats. */
  async send(graph: AccountGraphClient, row: CalendarOutboxRecord, channel: CalendarChannelOwner, manager?: EntityManager): Promise<Written> {
    switch (row.kind) {
      case CalendarEventChangeKind.CREATED:
        return this.create(graph, row);
      case CalendarEventChangeKind.UPDATED:
        return isSeriesWrite(row) ? this.updateSeries(graph, row, channel, manager) : this.updateOne(graph, row, manager);
      case CalendarEventChangeKind.DELETED:
        return this.remove(graph, row);
    }
  }

  private async create(graph: AccountGraphClient, row: CalendarOutboxRecord): Promise<Written> {
    const calendarExternalId = row.calendarExternalId ?? ((await graph.request((client) => client.api('/me/calendar').select('id').get())) as { id: string }).id;
    const body = { ...toGraphEventBody(row.fields), transactionId: row.id };
    const created: GraphEvent = await graph.request((client) => client.api(`/me/calendars/${encodeURIComponent(calendarExternalId)}/events`).header('Prefer', PREFER).post(body));
    return { calendarExternalId, events: [created], removed: [], lost: [] };
  }

  private async targetId(row: CalendarOutboxRecord): Promise<string> {
    const id = row.eventExternalId ?? (await this.outbox.createdExternalId(row.calendarEventId));
    if (!id) throw new Error(`Calendar event ${row.calendarEventId} has no Outlook event to change`);
    return id;
  }

  private async fetch(graph: AccountGraphClient, id: string): Promise<GraphEvent> {
    return graph.request((client) => client.api(eventPath(id)).header('Prefer', PREFER).get());
  }

  private async patch(graph: AccountGraphClient, id: string, body: Record<string, unknown>, ifMatch: string): Promise<GraphEvent> {
    return graph.request((client) => client.api(eventPath(id)).header('Prefer', PREFER).header('If-Match', ifMatch).patch(body));
  }

  /** A single event or one occurrence: If-Match the changeKey the CRM edit was based on; a 412 goes to the conflict rule. */
  private async updateOne(graph: AccountGraphClient, row: CalendarOutboxRecord, manager?: EntityManager): Promise<Written> {
    const id = await this.targetId(row);
    const calendarExternalId = row.calendarExternalId ?? '';
    let ifMatch = row.baseChangeKey ?? (await this.outbox.latestChangeKey(row.calendarChannelId, id, manager));
    let fields = row.fields;
    let lost: Array<keyof StoredFields> = [];
    for (let round = 0; round < CONFLICT_ROUNDS; round += 1) {
      if (ifMatch) {
        try {
          return { calendarExternalId, events: [await this.patch(graph, id, toGraphEventBody(fields), ifMatch)], removed: [], lost };
        } catch (error) {
          if (!isStale(error)) throw error;
        }
      }
      // Outlook changed the event since the CRM last saw it (or the CRM never saw a changeKey): the rule decides.
      const current = await this.fetch(graph, id);
      const decision = decideConflict(row.fields, row.previous, currentFields(toImportedEvent(current, calendarExternalId, new Set())), modifiedAt(current), new Date(row.editedAt));
      fields = decision.winning;
      lost = decision.lost;
      if (Object.keys(fields).length === 0) return { calendarExternalId, events: [current], removed: [], lost };
      ifMatch = current.changeKey ?? '*';
    }
    throw classifyGraphError({ statusCode: 503, code: 'ConflictRetriesExhausted', message: 'Outlook kept changing the event while the CRM edit was written' });
  }

  /** The whole series: its master takes the edit (a move shifts the series as the occurrence moved), then its occurrences come back. */
  private async updateSeries(graph: AccountGraphClient, row: CalendarOutboxRecord, channel: CalendarChannelOwner, manager?: EntityManager): Promise<Written> {
    const masterId = row.recurringEventExternalId!;
    const calendarExternalId = row.calendarExternalId ?? '';
    let lost: Array<keyof StoredFields> = [];
    for (let round = 0; ; round += 1) {
      const master = await this.fetch(graph, masterId);
      // The master's start is the series' first, not this occurrence's: the series' times are compared by zone and
      // all-day only; text and attendees field by field.
      const seriesNow = { ...currentFields(toImportedEvent({ ...master, type: 'singleInstance' }, calendarExternalId, new Set())), startsAt: row.previous.startsAt, endsAt: row.previous.endsAt };
      const decision = decideConflict(row.fields, row.previous, seriesNow, modifiedAt(master), new Date(row.editedAt));
      lost = decision.lost;
      const { startsAt, endsAt, isFullDay, timeZone, ...rest } = decision.winning;
      const body = toGraphEventBody(rest);
      if (startsAt && endsAt && row.previous.startsAt && master.start) {
        const shift = new Date(startsAt).getTime() - new Date(row.previous.startsAt).getTime();
        const start = new Date(toInstant(master.start).getTime() + shift);
        const end = new Date(start.getTime() + new Date(endsAt).getTime() - new Date(startsAt).getTime());
        body.isAllDay = isFullDay ?? false;
        body.start = toGraphDateTime(start, timeZone ?? 'UTC', isFullDay ?? false);
        body.end = toGraphDateTime(end, timeZone ?? 'UTC', isFullDay ?? false);
      }
      if (Object.keys(body).length === 0) break;
      try {
        await this.patch(graph, masterId, body, master.changeKey ?? '*');
        break;
      } catch (error) {
        if (!isStale(error) || round + 1 >= CONFLICT_ROUNDS) throw error;
      }
    }
    const instances = await this.instances(graph, channel, masterId, calendarExternalId, manager);
    const ids = new Set(instances.map((instance) => instance.id));
    const held = await this.records.calendarEventOutbound().seriesOccurrenceExternalIds(row.workspaceId, row.calendarChannelId, masterId, manager);
    return { calendarExternalId, events: instances, removed: held.filter((id) => !ids.has(id)), lost };
  }

  private async instances(graph: AccountGraphClient, channel: CalendarChannelOwner, masterId: string, calendarExternalId: string, manager?: EntityManager): Promise<GraphEvent[]> {
    const calendar = (await this.calendars.list(channel.calendarChannelId, manager)).find((each) => each.externalId === calendarExternalId);
    const window = chooseSyncWindow(calendar ?? { windowStart: null, windowEnd: null }, this.config.calendarWindow ?? DEFAULT_CALENDAR_WINDOW);
    const range = `startDateTime=${encodeURIComponent(window.start.toISOString())}&endDateTime=${encodeURIComponent(window.end.toISOString())}`;
    const items: GraphEvent[] = [];
    let link: string | undefined = `${eventPath(masterId)}/instances?${range}&$top=500`;
    while (link) {
      const current: string = link;
      const page: { value: GraphEvent[]; '@odata.nextLink'?: string } = await graph.request((client) => client.api(current).header('Prefer', PREFER).get());
      items.push(...page.value);
      link = page['@odata.nextLink'];
    }
    return items;
  }

  private async remove(graph: AccountGraphClient, row: CalendarOutboxRecord): Promise<Written> {
    const id = isSeriesWrite(row) ? row.recurringEventExternalId! : await this.targetId(row);
    try {
      await graph.request((client) => client.api(eventPath(id)).delete());
    } catch (error) {
      // Already gone from Outlook: what the delete wanted.
      if (classifyGraphError(error).kind !== Kind.NOT_FOUND) throw error;
    }
    return { calendarExternalId: row.calendarExternalId ?? '', events: [], removed: [], lost: [] };
  }

  /**
   * Writes Outlook's answer into the CRM and ends the row, in one transaction. `outcome` for a refused write: its
   * state, and Outlook's version recorded as seen rather than as the plugin's own.
   */
  private async acknowledge(row: CalendarOutboxRecord, channel: CalendarChannelOwner, written: Written, transaction?: unknown, outcome?: { status: CalendarEventWriteStatus; message: string; writtenByPlugin: false }): Promise<void> {
    const outbound = this.records.calendarEventOutbound();
    const [first] = written.events;
    if (row.kind === CalendarEventChangeKind.CREATED && first) {
      await outbound.bindCreatedEvent(row.workspaceId, row.calendarChannelId, row.calendarEventId, { externalId: first.id, iCalUid: first.iCalUId ?? null, calendarExternalId: written.calendarExternalId });
    }
    // Deleted in the CRM meanwhile (its delete is queued behind this row): Outlook's answer must not bring it back.
    const gone = row.kind !== CalendarEventChangeKind.DELETED && (await outbound.findTarget(row.workspaceId, row.calendarChannelId, row.calendarEventId, transaction)) === null;
    const events = gone ? [] : written.events.filter(isImportable);
    const ownHandles = new Set(channel.ownHandles);
    const status = outcome?.status ?? (written.lost.length > 0 ? CalendarEventWriteStatus.CONFLICT_LOST : CalendarEventWriteStatus.APPLIED);
    await this.records.calendarEventImport().saveEventsPage({
      workspaceId: row.workspaceId,
      calendarChannelId: row.calendarChannelId,
      calendarExternalId: written.calendarExternalId,
      events: events.map((event) => toImportedEvent(event, written.calendarExternalId, ownHandles)),
      removedExternalIds: gone ? [] : written.removed,
      transaction,
      checkpoint: async (transaction) => {
        const manager = transaction as Parameters<CalendarOutboxRepository['finish']>[2];
        const keys = written.events.filter((event) => event.changeKey).map((event) => ({ eventExternalId: event.id, changeKey: event.changeKey! }));
        await this.outbox.recordChangeKeys(row.calendarChannelId, keys, outcome?.writtenByPlugin ?? true, manager);
        await this.outbox.finish(row.id, {
          status,
          message: outcome?.message ?? (written.lost.length > 0 ? conflictMessage(written.lost) : null),
          resultExternalId: outcome ? null : first?.id ?? null,
          resultChangeKey: outcome ? null : first?.changeKey ?? null,
        }, manager);
      },
    });
  }
}

const isSeriesWrite = (row: CalendarOutboxRecord) => row.scope === CalendarEventEditScope.ALL_EVENTS && row.recurringEventExternalId !== null;
const modifiedAt = (event: GraphEvent) => (event.lastModifiedDateTime ? new Date(event.lastModifiedDateTime) : null);

function failureMessage(failure: MicrosoftGraphException): string {
  if (failure.graphCode === 'NeedsReconnect') return 'Not written to Outlook: the Microsoft account needs reconnecting';
  if (failure.kind === Kind.INSUFFICIENT_PERMISSIONS) return `Not written to Outlook: permission denied (${failure.message})`;
  if (failure.kind === Kind.NOT_FOUND) return 'Not written to Outlook: the event no longer exists there';
  if (RETRIED.has(failure.kind)) return `Not written to Outlook after ${MAX_ATTEMPTS} attempts: ${failure.message}`;
  return `Not written to Outlook: ${failure.message}`;
}
