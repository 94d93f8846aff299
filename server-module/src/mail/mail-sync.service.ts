import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature, MessageFolderImportPolicy, SyncChannelKind, SyncRunTrigger, type ClaimedMessageChannel, type MessageFolderRecord } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { discoverMailFolders, type DiscoveredFolders } from './mail-folder-discovery.service.js';
import { importFolderDelta, prefetchDeltaPages } from './mail-folder-delta.importer.js';
import { SyncProgressRepository } from './sync-progress.repository.js';
import { MailSyncExceptionHandler } from './mail-sync-exception.handler.js';
import { SyncRunRecorder } from '../sync-log/sync-run-recorder.js';
import type { SyncRunHandle } from '../sync-log/sync-run-handle.js';
import { CLAIM_STALE_AFTER_MS, HEARTBEAT_EVERY_MS } from './mail-sync.constants.js';
import { SyncLeaseRepository, type SyncLease } from '../sync-leases/sync-lease.repository.js';
import { runLeasedPass } from '../sync-leases/leased-pass.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { MessageMailStateRepository } from '../compose/message-mail-state.repository.js';
import { FeatureGate } from '../accounts/feature-gate.js';

const DEFAULT_PAGE_SIZE = 100;
const FOLDERS_IN_PARALLEL = 4;

/** `busy`: another worker holds the channel; `unavailable`: disabled, failed, deleted, or its account needs reconnecting. */
export type MailSyncOutcome = 'synced' | 'busy' | 'unavailable' | 'failed';

/** One pass over a channel's mailbox: claim it, discover folders, walk each folder's delta, sweep, release. */
@Injectable()
export class MailSyncService {
  private readonly logger = new PluginLogger(MailSyncService.name);

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(SyncProgressRepository) private readonly progress: SyncProgressRepository,
    @Inject(MailSyncExceptionHandler) private readonly failures: MailSyncExceptionHandler,
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
    @Inject(SyncRunRecorder) private readonly syncLog: SyncRunRecorder,
    @Inject(MessageMailStateRepository) private readonly mailStates: MessageMailStateRepository,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
  ) {}

  /**
   * `full` discovers folders first (periodic passes, first import); `quick` walks the folders the last full pass
   * walked, which is all a change notification needs. `trigger` says what asked for the pass, for the sync log.
   */
  async syncChannel(
    workspaceId: string,
    messageChannelId: string,
    options: { signal?: AbortSignal; mode?: 'full' | 'quick'; trigger?: SyncRunTrigger } = {},
  ): Promise<MailSyncOutcome> {
    const syncState = this.records.messageChannelSyncState();
    const mode = options.mode ?? 'full';
    if (await this.gate.isChannelDisconnecting(messageChannelId)) return 'unavailable';
    const lease = await this.leases.acquire(workspaceId, messageChannelId, 'mail');
    if (!lease) return 'busy';
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await this.leases.release(lease).catch((error: Error) => this.logger.warn(`Channel ${messageChannelId}: could not release its sync lease: ${error.message}`));
    };
    try {
      // Taken from a process that is gone: its claim is left over, not held. A lease-less claim goes stale as before.
      const staleAfterMs = lease.tookOver ? 0 : CLAIM_STALE_AFTER_MS;
      // A quick pass walks from cursors a successful full pass left; any other channel has a full pass coming.
      const channel = await syncState.claim(workspaceId, messageChannelId, staleAfterMs, { onlyIfActive: mode === 'quick' });
      if (!channel) {
        await release();
        return (await syncState.isHeld(workspaceId, messageChannelId, CLAIM_STALE_AFTER_MS)) ? 'busy' : 'unavailable';
      }
      if (lease.tookOver) this.logger.log(`Channel ${messageChannelId}: resuming a sync its previous process left unfinished`);
      const run = await this.syncLog.begin({
        workspaceId,
        channelId: messageChannelId,
        channelKind: SyncChannelKind.MESSAGE,
        trigger: runTrigger(channel, mode, options.trigger),
        recordAtEnd: mode === 'quick',
      });
      return await this.runClaimed(channel, lease, run, mode, options.signal, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  private runClaimed(
    channel: ClaimedMessageChannel,
    lease: SyncLease,
    run: SyncRunHandle,
    mode: 'full' | 'quick',
    signal: AbortSignal | undefined,
    release: () => Promise<void>,
  ): Promise<MailSyncOutcome> {
    const { workspaceId, id: messageChannelId } = channel;
    const syncState = this.records.messageChannelSyncState();
    return runLeasedPass({
      leases: this.leases,
      lease,
      channelId: messageChannelId,
      label: `Channel ${messageChannelId}`,
      logger: this.logger,
      run,
      signal,
      heartbeat: { every: HEARTBEAT_EVERY_MS, beat: () => syncState.heartbeat(workspaceId, messageChannelId) },
      pass: (stopped) => this.runPass(channel, mode, run, stopped),
      markSynced: () => syncState.markSynced(workspaceId, messageChannelId),
      failure: (error) => this.failures.handle(channel, error),
      release,
    });
  }

  private async runPass(channel: ClaimedMessageChannel, mode: 'full' | 'quick', run: SyncRunHandle, signal?: AbortSignal): Promise<void> {
    const { workspaceId, id: messageChannelId } = channel;
    await this.gate.assertGranted(workspaceId, channel.connectedAccountId, MicrosoftFeature.MAIL_IMPORT);
    const graph = new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, channel.connectedAccountId);
    const records = this.records.messageImport();
    let folders: MessageFolderRecord[];
    // Only detaching (a removal, a restarted or dropped folder) leaves something for the sweep to delete.
    let sweepNeeded = mode === 'full';
    if (mode === 'quick') {
      folders = (await records.listFolders(workspaceId, messageChannelId)).filter((folder) => folder.syncCursor !== null);
    } else {
      const discovered = await discoverMailFolders(graph);
      const stored = await records.upsertFolders(workspaceId, messageChannelId, discovered.folders);
      const neverImported = neverImportedFolders(stored, discovered);
      folders = this.foldersToSync(channel, stored, neverImported);
      // Folders left out (by policy or the user's choice) give up their messages; the sweep below removes them.
      for (const folder of stored) {
        if (!folders.includes(folder)) await records.restartFolder(workspaceId, folder.id);
      }
      const alreadyImported = await records.countChannelMessages(workspaceId, messageChannelId);
      const estimate = folders.reduce((sum, folder) => sum + (discovered.totalItemCounts.get(folder.externalId) ?? 0), 0);
      await this.progress.startPass(workspaceId, messageChannelId, 'mail', {
        importedCount: alreadyImported,
        estimatedTotal: Math.max(estimate, alreadyImported),
        neverImportedFolderIds: [...neverImported],
        inboxFolderId: discovered.inboxExternalId,
      });
    }

    run.foldersSynced(folders.length);
    const ownHandles = new Set([channel.handle, ...channel.handleAliases].map((handle) => handle.toLowerCase()));
    // One folder failing stops the others at their next page, so no walk outlives the pass that started it.
    const stop = new AbortController();
    const stopped = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    const queue = [...folders];
    const emptyPageCursors = new Map<string, string>();
    const pageSize = this.config.mailPageSize ?? DEFAULT_PAGE_SIZE;
    let importedHere = 0;
    // A notification's pass asks every folder for its changes at once; a full pass walks folders on their own.
    const prefetched = mode === 'quick' && folders.length > 1 ? await prefetchDeltaPages(graph, folders, pageSize) : undefined;
    const worker = async () => {
      for (let folder = queue.shift(); folder; folder = queue.shift()) {
        stopped.throwIfAborted();
        await importFolderDelta(
          {
            graph,
            records,
            workspaceId,
            messageChannelId,
            ownHandles,
            pageSize,
            emptyPageCursors,
            onPage: async ({ created, updated = 0, detached }) => {
              if (detached > 0) sweepNeeded = true;
              importedHere += created;
              await this.progress.addImported(messageChannelId, created);
              await run.countPage({ created, updated });
              stopped.throwIfAborted();
            },
            onReadStates: (states) => this.mailStates.applyInbound(workspaceId, messageChannelId, states).then(() => undefined),
            onRestart: () => {
              sweepNeeded = true;
              run.folderRestarted(folder.name);
            },
          },
          folder,
          prefetched?.get(folder.id),
        );
      }
    };
    const walks = await Promise.allSettled(
      Array.from({ length: Math.min(FOLDERS_IN_PARALLEL, folders.length) }, () => worker().catch((error) => {
        stop.abort(error);
        throw error;
      })),
    );
    const failed = walks.find((walk): walk is PromiseRejectedResult => walk.status === 'rejected');
    // Also after a failure, the cursors of the empty pages walked before it are good; that failure is the one to report.
    const cursorsSaved = records.saveFolderCursors(workspaceId, [...emptyPageCursors].map(([messageFolderId, cursor]) => ({ messageFolderId, cursor })));
    await (failed ? cursorsSaved.catch(() => undefined) : cursorsSaved);
    if (failed) throw signal?.aborted ? signal.reason : stop.signal.reason ?? failed.reason;

    // Quick passes leave a missed link to the next full pass (every 5 minutes at the latest), to stay cheap under push.
    if (mode === 'full' && importedHere > 0) await records.linkUnmatchedParticipants(workspaceId, messageChannelId);
    const swept = sweepNeeded ? await records.deleteDetachedMessages(workspaceId, messageChannelId) : 0;
    run.countDeleted(swept);
    if (swept > 0) this.logger.log(`Channel ${messageChannelId}: removed ${swept} messages no longer in synced folders`);
    if (mode === 'full') await this.progress.finishPass(messageChannelId, await records.countChannelMessages(workspaceId, messageChannelId));
  }

  /** Of the folders not left out for good, all or the ones the user chose. */
  private foldersToSync(channel: ClaimedMessageChannel, folders: MessageFolderRecord[], neverImported: Set<string>): MessageFolderRecord[] {
    const selectedOnly = channel.messageFolderImportPolicy === MessageFolderImportPolicy.SELECTED_FOLDERS;
    return folders.filter((folder) => !neverImported.has(folder.externalId) && (!selectedOnly || folder.isSynced));
  }
}

/** A quick pass answers push; a full one is the first import until one has succeeded, else what asked for it. */
function runTrigger(channel: ClaimedMessageChannel, mode: 'full' | 'quick', requested: SyncRunTrigger | undefined): SyncRunTrigger {
  if (mode === 'quick') return SyncRunTrigger.PUSH;
  const trigger = requested ?? SyncRunTrigger.PERIODIC;
  return trigger === SyncRunTrigger.PERIODIC && channel.syncedAt === null ? SyncRunTrigger.FIRST_IMPORT : trigger;
}

/** Outlook's drafts, junk, deleted items and outbox, and every folder under them, by external id: never imported. */
function neverImportedFolders(folders: MessageFolderRecord[], discovered: DiscoveredFolders): Set<string> {
  const parentOf = new Map(folders.map((folder) => [folder.externalId, folder.parentFolderId]));
  const excluded = (externalId: string | null): boolean => {
    for (let id = externalId, depth = 0; id && depth < 64; id = parentOf.get(id) ?? null, depth += 1) {
      if (discovered.excludedExternalIds.has(id)) return true;
    }
    return false;
  };
  return new Set(folders.filter((folder) => excluded(folder.externalId)).map((folder) => folder.externalId));
}
