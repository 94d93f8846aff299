import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MicrosoftFeature, SyncChannelKind, SyncRunTrigger } from '@m365/shared-types';
import { INTERRUPTED_MESSAGE, SyncRunRecorder } from '../sync-log/sync-run-recorder.js';
import type { SyncRunHandle } from '../sync-log/sync-run-handle.js';
import { syncRunAction } from '../sync-log/sync-run-action.util.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { classifyGraphError } from '../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind } from '../graph/microsoft-graph.exception.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { SyncLeaseRepository } from '../sync-leases/sync-lease.repository.js';
import { LeaseWatch } from '../sync-leases/leased-pass.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { FeatureGate } from '../accounts/feature-gate.js';
import { ContactChannelRepository, type ContactChannelRecord, type ContactFolderRecord } from './contact-channel.repository.js';
import { ContactLinkRepository } from './contact-link.repository.js';
import { ContactOutboxRepository } from './outbound/contact-outbox.repository.js';
import { ContactConflictLogRepository } from './contact-conflict-log.repository.js';
import { discoverContactFolders } from './contact-folder-discovery.js';
import { importContactsDelta } from './contacts-delta.importer.js';
import { CONTACTS_PAGE_SIZE, ContactSyncStatus, DETACHED_FOLDER_NOT_SYNCED } from './contacts-sync.constants.js';

/** `busy`: another worker holds the channel; `unavailable`: the account or its channel is gone. */
export type ContactsSyncOutcome = 'synced' | 'busy' | 'unavailable' | 'failed';

/**
 * One pass over an account's contacts: take the channel's lease, check the grant, list the folders (a full pass),
 * let go of the contacts of folders gone or left out (unlinked, their people stay), walk each chosen folder's
 * contacts delta from its cursor. A `quick` pass (a notification's) walks the folders as last listed.
 */
@Injectable()
export class ContactsSyncService {
  private readonly logger = new PluginLogger(ContactsSyncService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(ContactChannelRepository) private readonly channels: ContactChannelRepository,
    @Inject(ContactLinkRepository) private readonly links: ContactLinkRepository,
    @Inject(ContactOutboxRepository) private readonly outbox: ContactOutboxRepository,
    @Inject(ContactConflictLogRepository) private readonly conflicts: ContactConflictLogRepository,
    @Inject(SyncRunRecorder) private readonly syncLog: SyncRunRecorder,
  ) {}

  async syncChannel(workspaceId: string, contactChannelId: string, options: { mode?: 'full' | 'quick'; trigger?: SyncRunTrigger } = {}): Promise<ContactsSyncOutcome> {
    const channel = await this.channels.find(workspaceId, contactChannelId);
    if (!channel) return 'unavailable';
    const account = await this.records.connectedAccounts().findConnectedAccount(workspaceId, channel.connectedAccountId);
    if (!account || account.authFailedAt) return 'unavailable';
    const lease = await this.leases.acquire(workspaceId, contactChannelId, 'contacts');
    if (!lease) return 'busy';
    const watch = new LeaseWatch(this.leases, lease, contactChannelId);
    let run: SyncRunHandle | null = null;
    try {
      const mode = options.mode ?? 'full';
      const trigger = channel.syncedAt === null ? SyncRunTrigger.FIRST_IMPORT : mode === 'quick' ? SyncRunTrigger.PUSH : options.trigger ?? SyncRunTrigger.PERIODIC;
      run = await this.syncLog.begin({ workspaceId, channelId: contactChannelId, channelKind: SyncChannelKind.CONTACTS, trigger, recordAtEnd: trigger === SyncRunTrigger.PUSH });
      await this.channels.markStarted(contactChannelId);
      const seen = await this.runPass(channel, mode, watch.signal, run);
      await this.channels.markSynced(contactChannelId, seen);
      await run.succeed();
      return 'synced';
    } catch (error) {
      if (watch.signal.aborted) {
        await run?.interrupt(INTERRUPTED_MESSAGE);
        return 'busy';
      }
      const failure = classifyGraphError(error);
      await run?.fail({ code: failure.graphCode ?? failure.kind, message: failure.message.slice(0, 500), action: syncRunAction(failure.kind, false), retryAt: null });
      const status = failure.kind === MicrosoftGraphErrorKind.INSUFFICIENT_PERMISSIONS || failure.kind === MicrosoftGraphErrorKind.UNAUTHENTICATED
        ? ContactSyncStatus.FAILED_INSUFFICIENT_PERMISSIONS
        : ContactSyncStatus.FAILED_UNKNOWN;
      this.logger.warn(`Contacts sync of channel ${contactChannelId} failed (${failure.kind}): ${failure.message.split('\n')[0]}`);
      await this.channels.markFailed(contactChannelId, status, failure.message);
      return 'failed';
    } finally {
      watch.stop();
      await this.leases.release(lease).catch(() => undefined);
    }
  }

  private async runPass(channel: ContactChannelRecord, mode: 'full' | 'quick', signal: AbortSignal, run: SyncRunHandle): Promise<number> {
    const { workspaceId, id: contactChannelId } = channel;
    await this.gate.assertGranted(workspaceId, channel.connectedAccountId, MicrosoftFeature.CONTACTS);
    const graph = new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, channel.connectedAccountId);
    const known = await this.channels.listFolders(contactChannelId);
    const quick = mode === 'quick' && known.length > 0 && known.every((folder) => folder.syncCursor !== null);
    const folders = quick ? known : await this.listFolders(channel, graph);
    const chosen = folders.filter((folder) => channel.folderExternalId === null || folder.externalId === channel.folderExternalId);
    run.foldersSynced(chosen.length);
    const left = folders.filter((folder) => !chosen.includes(folder));
    // Folders left out by the member: their links rest (people stay, no change flows), and walk from the start if
    // chosen again, which revives them.
    if (left.length > 0) {
      await this.links.detachForFolders(contactChannelId, left.map((folder) => folder.externalId), DETACHED_FOLDER_NOT_SYNCED);
      for (const folder of left.filter((each) => each.syncCursor)) await this.channels.saveCursor(folder.id, null);
    }
    const people = this.records.personContacts();
    for (const folder of chosen) {
      const present = await importContactsDelta(
        {
          dataSource: this.dataSource, graph, workspaceId, contactChannelId, policy: channel.creationPolicy, pageSize: CONTACTS_PAGE_SIZE, people,
          channels: this.channels, links: this.links, outbox: this.outbox, conflicts: this.conflicts, signal,
          onPage: async (counts) => {
            if (counts.unlinked) run.countDeleted(counts.unlinked);
            await run.countPage({ created: (counts.created ?? 0) + (counts.matched ?? 0), updated: counts.updated ?? 0 });
          },
        },
        folder,
      );
      if (!present) await this.links.removeForFolders(contactChannelId, [folder.externalId]);
    }
    return (await this.links.countLinked(contactChannelId)).linked;
  }

  private async listFolders(channel: ContactChannelRecord, graph: AccountGraphClient): Promise<ContactFolderRecord[]> {
    const gone = await this.channels.replaceFolders(channel.id, await discoverContactFolders(graph));
    // Folders deleted in Outlook: their contacts are unlinked; the people stay.
    await this.links.removeForFolders(channel.id, gone.map((folder) => folder.externalId));
    return this.channels.listFolders(channel.id);
  }
}
