import { Inject, Injectable } from '@nestjs/common';
import { type ChannelMessageRef, type WorkspaceMemberRef } from '@m365/shared-types';
import { UsableMicrosoftAccounts } from '../disconnect/usable-microsoft-accounts.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { capabilityOf } from './compose.service.js';
import { ComposeErrorCode, ComposeException } from './compose.exception.js';
import { ComposeGraphFactory } from './compose-graph.factory.js';
import { MessageMailStateRepository } from './message-mail-state.repository.js';

export interface ThreadMailState {
  messageThreadId: string;
  /** The member has the thread in a Microsoft mailbox that granted Mail.ReadWrite. */
  canManage: boolean;
  /** The member's Microsoft account the thread's mail is in, for Reply and Forward. */
  connectedAccountId: string | null;
  canSend: boolean;
  sendUnavailableReason: string | null;
  messageCount: number;
  unreadCount: number;
  isRead: boolean;
}

// Outlook's well-known One-Click Archive folder: https://learn.microsoft.com/graph/api/resources/mailfolder
const ARCHIVE = 'archive';

/** Mark read / unread and Archive on a whole thread, in Outlook and, at once, in the CRM. */
@Injectable()
export class ThreadMailActionsService {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(UsableMicrosoftAccounts) private readonly usable: UsableMicrosoftAccounts,
    @Inject(ComposeGraphFactory) private readonly graphs: ComposeGraphFactory,
    @Inject(MessageMailStateRepository) private readonly mailStates: MessageMailStateRepository,
  ) {}

  async state(member: WorkspaceMemberRef, messageThreadId: string): Promise<ThreadMailState> {
    const { refs, accounts, channelAccount } = await this.threadRefs(member, messageThreadId);
    const first = refs[0];
    const account = first ? accounts.find((candidate) => candidate.id === channelAccount.get(first.messageChannelId)) : undefined;
    const capability = account ? capabilityOf(account) : null;
    let unreadCount = 0;
    for (const [channelId, channelRefs] of groupByChannel(refs)) {
      const states = await this.mailStates.readStates(channelId, channelRefs.map((ref) => ref.externalId));
      unreadCount += channelRefs.filter((ref) => states.get(ref.externalId) === false).length;
    }
    return {
      messageThreadId,
      canManage: capability?.canManageMail ?? false,
      connectedAccountId: account?.id ?? null,
      canSend: capability?.canSend ?? false,
      sendUnavailableReason: capability?.sendUnavailableReason ?? null,
      messageCount: new Set(refs.map((ref) => ref.messageId)).size,
      unreadCount,
      isRead: unreadCount === 0,
    };
  }

  async markRead(member: WorkspaceMemberRef, messageThreadId: string, isRead: boolean): Promise<ThreadMailState> {
    const refs = await this.manageableRefs(member, messageThreadId);
    for (const { ref, connectedAccountId } of refs) {
      const { changeKey } = await this.graphs.forAccount(member.workspaceId, connectedAccountId).setRead(ref.externalId, isRead);
      await this.mailStates.recordWrite(member.workspaceId, ref.messageChannelId, ref.externalId, isRead, changeKey);
    }
    return this.state(member, messageThreadId);
  }

  async archive(member: WorkspaceMemberRef, messageThreadId: string): Promise<ThreadMailState> {
    const refs = await this.manageableRefs(member, messageThreadId);
    const records = this.records.mailboxMessages();
    for (const { ref, connectedAccountId } of refs) {
      const moved = await this.graphs.forAccount(member.workspaceId, connectedAccountId).move(ref.externalId, ARCHIVE);
      await records.relocateMessage(member.workspaceId, ref.messageChannelId, ref.externalId, moved.id, moved.parentFolderId);
      await this.mailStates.rename(ref.messageChannelId, ref.externalId, moved.id);
    }
    return this.state(member, messageThreadId);
  }

  private async manageableRefs(member: WorkspaceMemberRef, messageThreadId: string): Promise<Array<{ ref: ChannelMessageRef; connectedAccountId: string }>> {
    const { refs, accounts, channelAccount } = await this.threadRefs(member, messageThreadId);
    if (refs.length === 0) throw new ComposeException(ComposeErrorCode.NOT_FOUND, 'No such thread in your Microsoft mailboxes.');
    return refs.map((ref) => {
      const connectedAccountId = channelAccount.get(ref.messageChannelId)!;
      const account = accounts.find((candidate) => candidate.id === connectedAccountId)!;
      if (!capabilityOf(account).canManageMail) {
        throw new ComposeException(ComposeErrorCode.MAIL_WRITE_NOT_GRANTED, `${account.handle} did not give the CRM permission to change mail (Mail.ReadWrite). Reconnect to allow it.`);
      }
      return { ref, connectedAccountId };
    });
  }

  private async threadRefs(member: WorkspaceMemberRef, messageThreadId: string) {
    const accounts = await this.usable.list(member);
    const channels = await this.records.connectedAccounts().findMessageChannels(member.workspaceId, accounts.map((account) => account.id));
    const channelAccount = new Map(channels.map((channel) => [channel.id, channel.connectedAccountId]));
    const refs = /^[0-9a-f-]{36}$/i.test(messageThreadId)
      ? await this.records.mailboxMessages().findChannelMessages(member.workspaceId, channels.map((channel) => channel.id), { messageThreadId })
      : [];
    return { refs, accounts, channelAccount };
  }
}

function groupByChannel(refs: ChannelMessageRef[]): Map<string, ChannelMessageRef[]> {
  const groups = new Map<string, ChannelMessageRef[]>();
  for (const ref of refs) groups.set(ref.messageChannelId, [...(groups.get(ref.messageChannelId) ?? []), ref]);
  return groups;
}
