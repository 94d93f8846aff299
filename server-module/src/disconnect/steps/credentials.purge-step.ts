import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MicrosoftIdentityRepository } from '../../accounts/microsoft-identity.repository.js';
import { SubscriptionRepository } from '../../subscriptions/subscription.repository.js';
import { SyncLeaseRepository } from '../../sync-leases/sync-lease.repository.js';
import { MicrosoftTokenService } from '../../tokens/microsoft-token.service.js';
import { SecretKind, SecretVaultService } from '../../vault/secret-vault.service.js';
import type { AccountPurge } from '../account-purge.repository.js';
import { channelIdsOf, type AccountPurgeStep } from '../account-purge-step.js';

/**
 * Last: the sealed token cache, the identity, any subscription row left (with its clientState and pending
 * notifications), and the sync leases the purge held since its first step. A pass that takes a lease now finds its
 * channel gone and lets go.
 */
@Injectable()
export class CredentialsPurgeStep implements AccountPurgeStep {
  readonly name = 'credentials';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SecretVaultService) private readonly vault: SecretVaultService,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.subscriptions.deleteForAccount(purge.workspaceId, purge.connectedAccountId, manager);
      await manager.query(`DELETE FROM "microsoftNotification" WHERE "channelId" = ANY($1::uuid[])`, [channelIdsOf(purge)]);
      await this.vault.delete(SecretKind.MSAL_TOKEN_CACHE, purge.connectedAccountId, manager);
      await this.identities.delete(purge.workspaceId, purge.connectedAccountId, manager);
      await this.leases.deleteForChannels(channelIdsOf(purge), manager);
    });
    this.tokens.forget(purge.connectedAccountId);
  }
}
