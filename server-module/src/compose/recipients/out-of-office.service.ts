import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftFeature, type ConnectedAccountRecord, type WorkspaceMemberRef } from '@m365/shared-types';
import { MicrosoftGraphException } from '../../graph/microsoft-graph.exception.js';
import { UsableMicrosoftAccounts } from '../../disconnect/usable-microsoft-accounts.js';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { ComposeGraphFactory } from '../compose-graph.factory.js';
import { ComposeErrorCode, ComposeException } from '../compose.exception.js';
import { isValidAddress } from '../compose-address.validator.js';
import { MailTipCacheRepository, type CachedAutomaticReply } from './mail-tip-cache.repository.js';
import { canReadMailTips, grants, ownMicrosoftAccount } from './recipient-accounts.js';

export interface OutOfOfficeNotice {
  address: string;
  /** The automatic reply's text (HTML as the recipient wrote it; the front sanitises it). */
  message: string;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface OutOfOfficeAnswer {
  /** False when the account did not allow it: then no call was made and no badge is shown. */
  available: boolean;
  notices: OutOfOfficeNotice[];
}

// Graph's getMailTips page names no limit on EmailAddresses; Exchange publishes one per tenant
// (MaxRecipientsPerGetMailTipsRequest). Batches of 20 stay under any value it is set to in practice.
export const MAIL_TIPS_BATCH = 20;
export const MAIL_TIPS_TTL_MS = 5 * 60_000;
export const MAX_OUT_OF_OFFICE_ADDRESSES = 200;

/**
 * Who among some addresses has an automatic reply on, through `getMailTips` (automaticReplies), in batches,
 * cached for minutes per account. Follows consent: without the out-of-office permission (or mail read, which
 * getMailTips needs), nothing is asked.
 */
@Injectable()
export class OutOfOfficeService {
  private readonly logger = new PluginLogger('MicrosoftOutOfOffice');

  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(UsableMicrosoftAccounts) private readonly usable: UsableMicrosoftAccounts,
    @Inject(ComposeGraphFactory) private readonly graphs: ComposeGraphFactory,
    @Inject(MailTipCacheRepository) private readonly cache: MailTipCacheRepository,
  ) {}

  static available(account: ConnectedAccountRecord | null): account is ConnectedAccountRecord {
    return account !== null && grants(account, MicrosoftFeature.OUT_OF_OFFICE) && canReadMailTips(account);
  }

  async forAddresses(member: WorkspaceMemberRef, rawAddresses: string[], connectedAccountId?: string | null): Promise<OutOfOfficeAnswer> {
    const addresses = [...new Set(rawAddresses.map((address) => address.trim().toLowerCase()).filter((address) => isValidAddress(address)))];
    if (addresses.length > MAX_OUT_OF_OFFICE_ADDRESSES) {
      throw new ComposeException(ComposeErrorCode.INVALID_INPUT, `Ask about ${MAX_OUT_OF_OFFICE_ADDRESSES} addresses at most at once (got ${addresses.length}).`);
    }
    const account = await ownMicrosoftAccount(this.usable, member, connectedAccountId);
    if (!OutOfOfficeService.available(account)) return { available: false, notices: [] };
    const own = new Set([account.handle, ...account.handleAliases].map((handle) => handle.toLowerCase()));
    const wanted = addresses.filter((address) => !own.has(address));
    const known = await this.cache.findFresh(account.id, wanted);
    const cached = new Set(known.map((reply) => reply.address));
    const missing = wanted.filter((address) => !cached.has(address));
    const fetched = await this.fetch(account, missing);
    const byAddress = new Map([...known, ...fetched].map((reply) => [reply.address, reply]));
    const notices = wanted.flatMap((address) => {
      const reply = byAddress.get(address);
      return reply && reply.message !== '' && !ended(reply) ? [toNotice(reply)] : [];
    });
    return { available: true, notices };
  }

  async forPerson(member: WorkspaceMemberRef, personId: string, connectedAccountId?: string | null): Promise<OutOfOfficeAnswer> {
    const person = await this.records.crmPeople().findPerson(member.workspaceId, personId);
    if (!person) throw new ComposeException(ComposeErrorCode.NOT_FOUND, 'No such person.');
    // One person, one badge: the first of their addresses (primary first) with a reply on.
    const answer = await this.forAddresses(member, person.emails, connectedAccountId);
    return { ...answer, notices: answer.notices.slice(0, 1) };
  }

  async forThread(member: WorkspaceMemberRef, messageThreadId: string): Promise<OutOfOfficeAnswer> {
    const account = await ownMicrosoftAccount(this.usable, member);
    if (!OutOfOfficeService.available(account)) return { available: false, notices: [] };
    const channels = await this.records.connectedAccounts().findMessageChannels(member.workspaceId, [account.id]);
    const handles = await this.records.mailboxMessages().findThreadParticipantHandles(member.workspaceId, channels.map((channel) => channel.id), messageThreadId);
    return this.forAddresses(member, handles.slice(0, MAX_OUT_OF_OFFICE_ADDRESSES), account.id);
  }

  private async fetch(account: ConnectedAccountRecord, addresses: string[]): Promise<CachedAutomaticReply[]> {
    if (addresses.length === 0) return [];
    const graph = this.graphs.recipientInsights(account.workspaceId, account.id);
    const answers: CachedAutomaticReply[] = [];
    for (let start = 0; start < addresses.length; start += MAIL_TIPS_BATCH) {
      const batch = addresses.slice(start, start + MAIL_TIPS_BATCH);
      try {
        const tips = await graph.automaticReplies(batch);
        const now = Date.now();
        const replies = tips
          .filter((tip) => tip.error === null)
          .map((tip) => ({
            address: tip.address.toLowerCase(),
            message: tip.message,
            scheduledStartAt: tip.scheduledStart,
            scheduledEndAt: tip.scheduledEnd,
            // A scheduled reply that ends within the TTL is not shown past its end.
            expiresAt: new Date(Math.min(now + MAIL_TIPS_TTL_MS, tip.scheduledEnd && tip.message ? Math.max(tip.scheduledEnd.getTime(), now + 1000) : Infinity)),
          }));
        await this.cache.store(account.workspaceId, account.id, replies);
        answers.push(...replies);
      } catch (error) {
        // A badge is a hint: a failed batch shows none rather than failing the page.
        if (!(error instanceof MicrosoftGraphException)) throw error;
        this.logger.warn(`getMailTips for account ${account.id} failed (${error.kind}); no out-of-office badges for ${batch.length} addresses`);
      }
    }
    return answers;
  }
}

const ended = (reply: CachedAutomaticReply) => reply.scheduledEndAt !== null && new Date(reply.scheduledEndAt).getTime() <= Date.now();
const toNotice = (reply: CachedAutomaticReply): OutOfOfficeNotice => ({
  address: reply.address,
  message: reply.message,
  startsAt: reply.scheduledStartAt ? new Date(reply.scheduledStartAt) : null,
  endsAt: reply.scheduledEndAt ? new Date(reply.scheduledEndAt) : null,
});
