import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature, SyncChannelKind, SyncRunTrigger, type ClaimedCalendarChannel } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { SyncProgressRepository } from '../mail/sync-progress.repository.js';
import { MailSyncExceptionHandler } from '../mail/mail-sync-exception.handler.js';
import { CLAIM_STALE_AFTER_MS, HEARTBEAT_EVERY_MS } from '../mail/mail-sync.constants.js';
import { SyncRunRecorder } from '../sync-log/sync-run-recorder.js';
import type { SyncRunHandle } from '../sync-log/sync-run-handle.js';
import { SyncLeaseRepository, type SyncLease } from '../sync-leases/sync-lease.repository.js';
import { runLeasedPass } from '../sync-leases/leased-pass.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { FeatureGate } from '../accounts/feature-gate.js';
import { discoverCalendars, estimateCalendarEvents } from './calendar-discovery.service.js';
import { chooseSyncWindow, importCalendarDelta } from './calendar-view-delta.importer.js';
import { MicrosoftCalendarRepository, type MicrosoftCalendarRecord } from './microsoft-calendar.repository.js';
import { DEFAULT_CALENDAR_PAGE_SIZE, DEFAULT_CALENDAR_WINDOW } from './calendar-sync.constants.js';
import { CalendarEchoFilter } from './outbound/calendar-echo.filter.js';

const CALENDARS_IN_PARALLEL = 2;

/** `busy`: another worker holds the channel; `unavailable`: disabled, failed, deleted, or its account needs reconnecting. */
export type CalendarSyncOutcome = 'synced' | 'busy' | 'unavailable' | 'failed';

/**
 * One pass over a calendar channel: claim it (lease and stage, as mail), list the account's calendars, walk the
 * calendarView delta of each one chosen, sweep what no walk re-attached, release. A `quick` pass (a change
 * notification's) skips listing the calendars and estimating: it walks the chosen calendars from their cursors.
 */
@Injectable()
export class CalendarSyncService {
  private readonly logger = new PluginLogger(CalendarSyncService.name);

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(SyncProgressRepository) private readonly progress: SyncProgressRepository,
    @Inject(MailSyncExceptionHandler) private readonly failures: MailSyncExceptionHandler,
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
    @Inject(SyncRunRecorder) private readonly syncLog: SyncRunRecorder,
    @Inject(MicrosoftCalendarRepository) private readonly calendars: MicrosoftCalendarRepository,
    @Inject(CalendarEchoFilter) private readonly echoes: CalendarEchoFilter,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
  ) {}

  async syncChannel(
    workspaceId: string,
    calendarChannelId: string,
    options: { signal?: AbortSignal; trigger?: SyncRunTrigger; mode?: 'full' | 'quick' } = {},
  ): Promise<CalendarSyncOutcome> {
    const mode = options.mode ?? 'full';
    const syncState = this.records.calendarChannelSyncState();
    if (await this.gate.isChannelDisconnecting(calendarChannelId)) return 'unavailable';
    const lease = await this.leases.acquire(workspaceId, calendarChannelId, 'calendar');
    if (!lease) return 'busy';
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await this.leases.release(lease).catch((error: Error) => this.logger.warn(`Calendar channel ${calendarChannelId}: could not release its sync lease: ${error.message}`));
    };
    try {
      const channel = await syncState.claim(workspaceId, calendarChannelId, lease.tookOver ? 0 : CLAIM_STALE_AFTER_MS);
      if (!channel) {
        await release();
        return (await syncState.isHeld(workspaceId, calendarChannelId, CLAIM_STALE_AFTER_MS)) ? 'busy' : 'unavailable';
      }
      if (lease.tookOver) this.logger.log(`Calendar channel ${calendarChannelId}: resuming a sync its previous process left unfinished`);
      const requested = mode === 'quick' ? SyncRunTrigger.PUSH : options.trigger ?? SyncRunTrigger.PERIODIC;
      // A notification before the first import has succeeded continues that import (a quick pass needs its cursors).
      const firstImport = channel.syncedAt === null && (requested === SyncRunTrigger.PERIODIC || requested === SyncRunTrigger.PUSH);
      const run = await this.syncLog.begin({
        workspaceId,
        channelId: calendarChannelId,
        channelKind: SyncChannelKind.CALENDAR,
        trigger: firstImport ? SyncRunTrigger.FIRST_IMPORT : requested,
        recordAtEnd: mode === 'quick' && !firstImport,
      });
      return await this.runClaimed(channel, lease, run, mode, options.signal, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  private runClaimed(
    channel: ClaimedCalendarChannel,
    lease: SyncLease,
    run: SyncRunHandle,
    mode: 'full' | 'quick',
    signal: AbortSignal | undefined,
    release: () => Promise<void>,
  ): Promise<CalendarSyncOutcome> {
    const { workspaceId, id: calendarChannelId } = channel;
    const syncState = this.records.calendarChannelSyncState();
    return runLeasedPass({
      leases: this.leases,
      lease,
      channelId: calendarChannelId,
      label: `Calendar channel ${calendarChannelId}`,
      logger: this.logger,
      run,
      signal,
      heartbeat: { every: HEARTBEAT_EVERY_MS, beat: () => syncState.heartbeat(workspaceId, calendarChannelId) },
      pass: (stopped) => this.runPass(channel, mode, run, stopped),
      markSynced: () => syncState.markSynced(workspaceId, calendarChannelId),
      failure: (error) => this.failures.handleCalendar(channel, error),
      release,
    });
  }

  private async runPass(channel: ClaimedCalendarChannel, mode: 'full' | 'quick', run: SyncRunHandle, signal: AbortSignal): Promise<void> {
    const { workspaceId, id: calendarChannelId } = channel;
    await this.gate.assertGranted(workspaceId, channel.connectedAccountId, MicrosoftFeature.CALENDAR);
    const graph = new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, channel.connectedAccountId);
    const records = this.records.calendarEventImport();
    const ownHandles = new Set([channel.handle, ...channel.handleAliases].map((handle) => handle.toLowerCase()));
    const span = this.config.calendarWindow ?? DEFAULT_CALENDAR_WINDOW;
    const windowFor = (calendar: MicrosoftCalendarRecord) => chooseSyncWindow(calendar, span);
    const quick = mode === 'quick' ? await this.calendarsForQuickPass(channel) : null;
    const chosen = quick ?? (await this.prepareFullPass(channel, graph, ownHandles, windowFor));
    run.foldersSynced(chosen.length);

    const pageSize = this.config.calendarPageSize ?? DEFAULT_CALENDAR_PAGE_SIZE;
    const stop = new AbortController();
    const stopped = AbortSignal.any([signal, stop.signal]);
    const queue = [...chosen];
    let importedHere = 0;
    const worker = async () => {
      for (let calendar = queue.shift(); calendar; calendar = queue.shift()) {
        stopped.throwIfAborted();
        const name = calendar.name;
        await importCalendarDelta(
          {
            graph,
            records,
            calendars: this.calendars,
            workspaceId,
            calendarChannelId,
            ownHandles,
            pageSize,
            windowFor,
            echoes: this.echoes,
            onPage: async ({ created, updated, deleted }) => {
              if (deleted > 0) run.countDeleted(deleted);
              importedHere += created;
              await this.progress.addImported(calendarChannelId, created);
              await run.countPage({ created, updated });
              stopped.throwIfAborted();
            },
            onRestart: (reason) => {
              if (reason === 'sync-state-gone') run.folderRestarted(name);
              if (reason === 'calendar-gone') return void this.logger.log(`Calendar channel ${calendarChannelId}: calendar "${name}" is gone from Outlook; its events go`);
              this.logger.log(`Calendar channel ${calendarChannelId}: calendar "${name}" is walked again from the start (${reason})`);
            },
          },
          calendar,
        );
      }
    };
    const walks = await Promise.allSettled(
      Array.from({ length: Math.min(CALENDARS_IN_PARALLEL, chosen.length) }, () => worker().catch((error) => {
        stop.abort(error);
        throw error;
      })),
    );
    const failed = walks.find((walk): walk is PromiseRejectedResult => walk.status === 'rejected');
    if (failed) throw signal.aborted ? signal.reason : stop.signal.reason ?? failed.reason;

    if (importedHere > 0) await records.linkUnmatchedParticipants(workspaceId, calendarChannelId);
    // Always, not only after a restart here: a pass that crashed after its restart left its detached rows to this one.
    const swept = await records.deleteDetachedEvents(workspaceId, calendarChannelId);
    run.countDeleted(swept);
    // Quick passes too: deletions and replays make a running sum drift, and Settings shows this count.
    await this.progress.finishPass(calendarChannelId, await records.countChannelEvents(workspaceId, calendarChannelId));
  }

  /**
   * The calendars a notification's pass walks: the chosen ones as the last full pass listed them, each from its
   * cursor. Null (a full pass instead) before the first import has succeeded or while a calendar has no cursor yet.
   */
  private async calendarsForQuickPass(channel: ClaimedCalendarChannel): Promise<MicrosoftCalendarRecord[] | null> {
    if (channel.syncedAt === null) return null;
    const chosen = (await this.calendars.list(channel.id)).filter((calendar) => calendar.isSynced);
    return chosen.length > 0 && chosen.every((calendar) => calendar.syncCursor !== null) ? chosen : null;
  }

  /** Lists the account's calendars, lets go of those gone or left out, and opens the pass's progress; returns the ones to walk. */
  private async prepareFullPass(
    channel: ClaimedCalendarChannel,
    graph: AccountGraphClient,
    ownHandles: Set<string>,
    windowFor: (calendar: MicrosoftCalendarRecord) => ReturnType<typeof chooseSyncWindow>,
  ): Promise<MicrosoftCalendarRecord[]> {
    const { workspaceId, id: calendarChannelId } = channel;
    const records = this.records.calendarEventImport();
    const { kept, gone } = await this.calendars.replaceAll(workspaceId, calendarChannelId, await discoverCalendars(graph, ownHandles));
    // Calendars deleted in Outlook or left out by the member give up their events; the sweep removes them.
    for (const calendar of gone) await records.restartCalendar(workspaceId, calendarChannelId, calendar.externalId);
    for (const calendar of kept.filter((each) => !each.isSynced)) {
      await records.restartCalendar(workspaceId, calendarChannelId, calendar.externalId);
      if (calendar.syncCursor) await this.calendars.saveCursor(calendar.id, null, null);
    }
    const chosen = kept.filter((calendar) => calendar.isSynced);
    const alreadyImported = await records.countChannelEvents(workspaceId, calendarChannelId);
    // The first import (resumed ones too) and walks from the start are worth a progress estimate; a delta round is not.
    const walksFromStart = channel.syncedAt === null || chosen.some((calendar) => calendar.syncCursor === null);
    const estimate = walksFromStart ? await estimateCalendarEvents(graph, chosen, windowFor) : 0;
    await this.progress.startPass(workspaceId, calendarChannelId, 'calendar', {
      importedCount: alreadyImported,
      estimatedTotal: Math.max(estimate, alreadyImported),
      neverImportedFolderIds: [],
      inboxFolderId: null,
    });
    return chosen;
  }
}
