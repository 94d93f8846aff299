import { Inject, Injectable } from '@nestjs/common';
import { SyncChannelKind, SyncRunTrigger, type ClaimedCalendarChannel } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { SyncProgressRepository } from '../mail/sync-progress.repository.js';
import { MailSyncExceptionHandler } from '../mail/mail-sync-exception.handler.js';
import { SyncLeaseLostError } from '../mail/mail-sync.service.js';
import { CLAIM_STALE_AFTER_MS, HEARTBEAT_EVERY_MS } from '../mail/mail-sync.constants.js';
import { INTERRUPTED_MESSAGE, SyncRunRecorder } from '../sync-log/sync-run-recorder.js';
import type { SyncRunHandle } from '../sync-log/sync-run-handle.js';
import { SyncLeaseRepository, type SyncLease } from '../sync-leases/sync-lease.repository.js';
import { LEASE_CHECK_EVERY_MS } from '../sync-leases/sync-lease.constants.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { discoverCalendars, estimateCalendarEvents } from './calendar-discovery.service.js';
import { chooseSyncWindow, importCalendarDelta } from './calendar-view-delta.importer.js';
import { MicrosoftCalendarRepository, type MicrosoftCalendarRecord } from './microsoft-calendar.repository.js';
import { DEFAULT_CALENDAR_PAGE_SIZE, DEFAULT_CALENDAR_WINDOW } from './calendar-sync.constants.js';

const CALENDARS_IN_PARALLEL = 2;

/** `busy`: another worker holds the channel; `unavailable`: disabled, failed, deleted, or its account needs reconnecting. */
export type CalendarSyncOutcome = 'synced' | 'busy' | 'unavailable' | 'failed';

/**
 * One pass over a calendar channel: claim it (lease and stage, as mail), list the account's calendars, walk the
 * calendarView delta of each one chosen, sweep what no walk re-attached, release.
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
  ) {}

  async syncChannel(workspaceId: string, calendarChannelId: string, options: { signal?: AbortSignal; trigger?: SyncRunTrigger } = {}): Promise<CalendarSyncOutcome> {
    const syncState = this.records.calendarChannelSyncState();
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
      const requested = options.trigger ?? SyncRunTrigger.PERIODIC;
      const run = await this.syncLog.begin({
        workspaceId,
        channelId: calendarChannelId,
        channelKind: SyncChannelKind.CALENDAR,
        trigger: requested === SyncRunTrigger.PERIODIC && channel.syncedAt === null ? SyncRunTrigger.FIRST_IMPORT : requested,
        recordAtEnd: false,
      });
      return await this.runClaimed(channel, lease, run, options.signal, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  private async runClaimed(channel: ClaimedCalendarChannel, lease: SyncLease, run: SyncRunHandle, signal: AbortSignal | undefined, release: () => Promise<void>): Promise<CalendarSyncOutcome> {
    const { workspaceId, id: calendarChannelId } = channel;
    const syncState = this.records.calendarChannelSyncState();
    const heartbeat = setInterval(() => void syncState.heartbeat(workspaceId, calendarChannelId).catch(() => undefined), HEARTBEAT_EVERY_MS);
    const lost = new AbortController();
    const leaseCheck = setInterval(() => {
      void this.leases.isHeld(lease).then((held) => {
        if (!held) lost.abort(new SyncLeaseLostError(calendarChannelId));
      }, () => undefined);
    }, LEASE_CHECK_EVERY_MS);
    const stopped = signal ? AbortSignal.any([signal, lost.signal]) : lost.signal;
    try {
      await this.runPass(channel, run, stopped);
      if (!(await this.leases.isHeld(lease))) lost.abort(new SyncLeaseLostError(calendarChannelId));
      stopped.throwIfAborted();
      await syncState.markSynced(workspaceId, calendarChannelId);
      await run.succeed();
      await release();
      return 'synced';
    } catch (error) {
      if (lost.signal.aborted) {
        this.logger.warn(`Calendar channel ${calendarChannelId}: another process took over its sync; this pass stops`);
        await run.interrupt(INTERRUPTED_MESSAGE);
        return 'busy';
      }
      const failure = await this.failures.handleCalendar(channel, error);
      await (failure ? run.fail(failure) : run.interrupt(INTERRUPTED_MESSAGE));
      if (!signal?.aborted) await release();
      return 'failed';
    } finally {
      clearInterval(heartbeat);
      clearInterval(leaseCheck);
    }
  }

  private async runPass(channel: ClaimedCalendarChannel, run: SyncRunHandle, signal: AbortSignal): Promise<void> {
    const { workspaceId, id: calendarChannelId } = channel;
    const graph = new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, channel.connectedAccountId);
    const records = this.records.calendarEventImport();
    const ownHandles = new Set([channel.handle, ...channel.handleAliases].map((handle) => handle.toLowerCase()));

    const { kept, gone } = await this.calendars.replaceAll(workspaceId, calendarChannelId, await discoverCalendars(graph, ownHandles));
    // Calendars deleted in Outlook or left out by the member give up their events; the sweep below removes them.
    for (const calendar of gone) await records.restartCalendar(workspaceId, calendarChannelId, calendar.externalId);
    for (const calendar of kept.filter((each) => !each.isSynced)) {
      await records.restartCalendar(workspaceId, calendarChannelId, calendar.externalId);
      if (calendar.syncCursor) await this.calendars.saveCursor(calendar.id, null, null);
    }
    const chosen = kept.filter((calendar) => calendar.isSynced);
    const span = this.config.calendarWindow ?? DEFAULT_CALENDAR_WINDOW;
    const windowFor = (calendar: MicrosoftCalendarRecord) => chooseSyncWindow(calendar, span);
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
    await this.progress.finishPass(calendarChannelId, await records.countChannelEvents(workspaceId, calendarChannelId));
  }
}
