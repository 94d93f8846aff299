import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageMailStateRepository } from '../../compose/message-mail-state.repository.js';
import { OutgoingMessageRepository } from '../../compose/outgoing-message.repository.js';
import { MailTipCacheRepository } from '../../compose/recipients/mail-tip-cache.repository.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

/** Compose: drafts and the outbox (with their attachments), read/flag write states, cached mail tips. */
@Injectable()
export class ComposePurgeStep implements AccountPurgeStep {
  readonly name = 'compose';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OutgoingMessageRepository) private readonly outgoing: OutgoingMessageRepository,
    @Inject(MessageMailStateRepository) private readonly mailStates: MessageMailStateRepository,
    @Inject(MailTipCacheRepository) private readonly mailTips: MailTipCacheRepository,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.outgoing.deleteForAccount(purge.workspaceId, purge.connectedAccountId, manager);
      await this.mailStates.deleteForChannels(purge.messageChannelIds, manager);
      await this.mailTips.deleteForAccount(purge.workspaceId, purge.connectedAccountId, manager);
    });
  }
}
