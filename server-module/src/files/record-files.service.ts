import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature, type CrmRecordObject, type WorkspaceMemberRef } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { runBatch } from '../graph/graph-batch.runner.js';
import { toDriveItemRef, type DriveItemRef, type GraphDriveItem } from './drive-item.types.js';
import { ITEM_FIELDS } from './graph-drive.client.js';
import { FileLinkRepository, type FileLinkRecord } from './file-link.repository.js';
import { FilesAccessService } from './files-access.service.js';
import { FilesErrorCode, FilesException } from './files.exception.js';
import { FilesGraphFactory } from './files-graph.factory.js';

export enum RecordFileState {
  /** Microsoft has it; name and webUrl are as it says now. */
  AVAILABLE = 'AVAILABLE',
  /** Microsoft no longer has it (deleted, or out of the drive): nothing to open. */
  GONE = 'GONE',
  /** Microsoft could not be asked (grant withdrawn, Graph unreachable): the facts last seen. */
  UNREACHABLE = 'UNREACHABLE',
}

type Lookup = { kind: 'found'; item: DriveItemRef | null } | { kind: 'gone' } | { kind: 'unreachable'; reason: string };

export interface RecordFile {
  link: FileLinkRecord;
  state: RecordFileState;
  reason: string | null;
  attachedByMe: boolean;
}

/** Files linked to people and companies: listed fresh from Microsoft, attached and unlinked. */
@Injectable()
export class RecordFilesService {
  private readonly logger = new PluginLogger(RecordFilesService.name);

  constructor(
    @Inject(FileLinkRepository) private readonly links: FileLinkRepository,
    @Inject(FilesAccessService) private readonly access: FilesAccessService,
    @Inject(FilesGraphFactory) private readonly graphs: FilesGraphFactory,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {}

  async assertRecord(member: WorkspaceMemberRef, object: CrmRecordObject, recordId: string): Promise<void> {
    if (!(await this.records.crmRecords().recordExists(member.workspaceId, object, recordId))) throw new FilesException(FilesErrorCode.NOT_FOUND, `No such ${object} in this workspace.`);
  }

  /**
   * Every member of the workspace sees the record's links; each is looked up again by drive and item id through the
   * account that attached it, so a renamed or moved file shows as it is now and a deleted one as gone. Only the
   * attacher's own look-ups update the stored facts.
   */
  async list(member: WorkspaceMemberRef, object: CrmRecordObject, recordId: string): Promise<RecordFile[]> {
    await this.assertRecord(member, object, recordId);
    const links = await this.links.listForRecord(member.workspaceId, object, recordId);
    const byAccount = new Map<string, FileLinkRecord[]>();
    for (const link of links) byAccount.set(link.connectedAccountId, [...(byAccount.get(link.connectedAccountId) ?? []), link]);
    const looked = new Map<string, Lookup>();
    await Promise.all([...byAccount].map(async ([accountId, accountLinks]) => {
      for (const [id, lookup] of await this.lookUp(member.workspaceId, accountId, accountLinks)) looked.set(id, lookup);
    }));
    return Promise.all(links.map((link) => this.settle(member, link, looked.get(link.id)!)));
  }

  /** One account's links looked up again by drive and item id, twenty to a `$batch`. */
  private async lookUp(workspaceId: string, connectedAccountId: string, links: FileLinkRecord[]): Promise<Map<string, Lookup>> {
    const answers = new Map<string, Lookup>();
    const asked: FileLinkRecord[] = [];
    for (const link of links) {
      const feature = link.driveType === 'documentLibrary' ? MicrosoftFeature.SHAREPOINT : MicrosoftFeature.FILES;
      const denied = await this.gate.deniedReason(workspaceId, connectedAccountId, feature);
      if (denied) answers.set(link.id, { kind: 'unreachable', reason: denied });
      else asked.push(link);
    }
    if (asked.length === 0) return answers;
    try {
      const results = await runBatch(this.graphs.accountClient(workspaceId, connectedAccountId), asked.map((link) => ({
        id: link.id,
        url: `/drives/${encodeURIComponent(link.driveId)}/items/${encodeURIComponent(link.itemId)}?$select=${ITEM_FIELDS}`,
      })));
      for (const link of asked) {
        const result = results.get(link.id);
        const body = result?.body as (GraphDriveItem & { error?: { code?: string; message?: string } }) | undefined;
        if (result?.status === 200 && body && !body.deleted) answers.set(link.id, { kind: 'found', item: toDriveItemRef(body, link.driveId, link.driveType) });
        else if (result?.status === 404 || (result?.status === 200 && body?.deleted)) answers.set(link.id, { kind: 'gone' });
        else answers.set(link.id, { kind: 'unreachable', reason: `Microsoft answered ${result?.status ?? 'nothing'}${body?.error?.message ? `: ${body.error.message}` : ''}` });
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      this.logger.warn(`File links of account ${connectedAccountId}: Microsoft could not be asked (${reason})`);
      for (const link of asked) answers.set(link.id, { kind: 'unreachable', reason: `Microsoft could not be reached: ${reason}` });
    }
    return answers;
  }

  private async settle(member: WorkspaceMemberRef, link: FileLinkRecord, lookup: Lookup): Promise<RecordFile> {
    const attachedByMe = link.attachedByMemberId === member.workspaceMemberId;
    if (lookup.kind === 'unreachable' || (lookup.kind === 'found' && !lookup.item)) {
      const reason = lookup.kind === 'unreachable' ? lookup.reason : 'Microsoft answered without the item';
      return { link, state: link.goneAt ? RecordFileState.GONE : RecordFileState.UNREACHABLE, reason, attachedByMe };
    }
    if (lookup.kind === 'gone') {
      if (attachedByMe && !link.goneAt) await this.links.markGone(link.id);
      return { link: { ...link, goneAt: link.goneAt ?? new Date() }, state: RecordFileState.GONE, reason: 'The file was deleted or is no longer in its drive', attachedByMe };
    }
    const item = lookup.item!;
    const fresh: FileLinkRecord = { ...link, name: item.name, webUrl: item.webUrl, size: item.size, mimeType: item.mimeType, isFolder: item.isFolder, lastModifiedAt: item.lastModifiedAt, goneAt: null };
    if (attachedByMe && changed(link, fresh)) await this.links.refreshed(link.id, item);
    return { link: fresh, state: RecordFileState.AVAILABLE, reason: null, attachedByMe };
  }

  /** Links an item of the member's OneDrive (or a SharePoint library the account may read) to the record. */
  async attach(member: WorkspaceMemberRef, input: { connectedAccountId: string; object: CrmRecordObject; recordId: string; driveId: string; itemId: string }): Promise<RecordFile> {
    const owned = await this.access.withFiles(member, input.connectedAccountId);
    await this.assertRecord(member, input.object, input.recordId);
    const item = await this.graphs.forAccount(member.workspaceId, owned.account.id).getItem(input.driveId, input.itemId);
    if (!item) throw new FilesException(FilesErrorCode.NOT_FOUND, 'Microsoft has no such file in that drive.');
    if (item.driveType === 'documentLibrary') await this.access.withSharePoint(member, owned.account.id);
    const link = await this.links.attach({ workspaceId: member.workspaceId, recordObject: input.object, recordId: input.recordId, connectedAccountId: owned.account.id, attachedByMemberId: member.workspaceMemberId, item });
    return { link, state: RecordFileState.AVAILABLE, reason: null, attachedByMe: true };
  }

  /** The link goes; the file stays in OneDrive or SharePoint. Only the member who attached it may unlink it. */
  async remove(member: WorkspaceMemberRef, linkId: string): Promise<void> {
    const link = await this.links.find(member.workspaceId, linkId);
    if (!link || link.attachedByMemberId !== member.workspaceMemberId) throw new FilesException(FilesErrorCode.NOT_FOUND, 'No such file link among yours.');
    await this.links.delete(member.workspaceId, linkId);
  }
}

function changed(before: FileLinkRecord, after: FileLinkRecord): boolean {
  return before.name !== after.name || before.webUrl !== after.webUrl || before.size !== after.size || before.mimeType !== after.mimeType
    || before.goneAt !== null || (before.lastModifiedAt?.getTime() ?? null) !== (after.lastModifiedAt?.getTime() ?? null);
}
