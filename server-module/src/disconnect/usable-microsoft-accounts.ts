import { Inject, Injectable } from '@nestjs/common';
import { ConnectedAccountProvider, type ConnectedAccountRecord, type WorkspaceMemberRef } from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { AccountPurgeRepository } from './account-purge.repository.js';

/** The member's Microsoft accounts that can be used: every one but those being disconnected. */
@Injectable()
export class UsableMicrosoftAccounts {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
  ) {}

  async list(member: WorkspaceMemberRef): Promise<ConnectedAccountRecord[]> {
    const owned = await this.records.connectedAccounts().listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const disconnecting = await this.purges.disconnecting(owned.map((account) => account.id));
    return owned.filter((account) => !disconnecting.has(account.id));
  }
}
