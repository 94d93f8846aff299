import { Inject, Injectable } from '@nestjs/common';
import type { MicrosoftPluginConfig } from '../../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../../config/microsoft-plugin-config.token.js';
import { classifyGraphError } from '../../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind } from '../../graph/microsoft-graph.exception.js';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { SubscriptionRepository, type SubscriptionRecord } from '../../subscriptions/subscription.repository.js';
import { SubscriptionService } from '../../subscriptions/subscription.service.js';
import { MicrosoftAccountNeedsReconnectException } from '../../tokens/microsoft-token.exception.js';
import type { AccountPurge } from '../account-purge.repository.js';
import { PurgeStepRetryLater, type AccountPurgeStep } from '../account-purge-step.js';
import { disconnectRetryPolicy } from '../disconnect-retry.policy.js';
import { ExpiringSubscriptionRepository } from '../expiring-subscription.repository.js';

/**
 * Every Graph subscription of the account, every kind (mail, calendar, and whatever later features subscribe to),
 * deleted at Microsoft, then here. Graph unreachable: the purge retries with backoff; after the last attempt, or
 * when the grant is already gone (no token can delete it), the subscription is left to expire and recorded.
 */
@Injectable()
export class PushSubscriptionsPurgeStep implements AccountPurgeStep {
  readonly name = 'push-subscriptions';
  private readonly logger = new PluginLogger('MicrosoftDisconnect');

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(SubscriptionService) private readonly service: SubscriptionService,
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(ExpiringSubscriptionRepository) private readonly expiring: ExpiringSubscriptionRepository,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    const lastAttempt = purge.attempts + 1 >= disconnectRetryPolicy(this.config).attempts;
    let retry: PurgeStepRetryLater | null = null;
    for (const record of await this.subscriptions.findByAccount(purge.workspaceId, purge.connectedAccountId)) {
      try {
        await this.service.deleteAtGraph(record);
      } catch (error) {
        const failure = error instanceof MicrosoftAccountNeedsReconnectException ? null : classifyGraphError(error);
        const grantGone = failure === null || failure.kind === MicrosoftGraphErrorKind.UNAUTHENTICATED || failure.kind === MicrosoftGraphErrorKind.INSUFFICIENT_PERMISSIONS;
        if (!grantGone && !lastAttempt) {
          retry ??= new PurgeStepRetryLater(`Graph did not delete subscription ${record.graphSubscriptionId}: ${failure!.message}`, failure!.retryAfterMs ?? undefined);
          continue;
        }
        await this.leaveToExpire(record, grantGone ? 'the grant was withdrawn before the disconnect' : `Graph unreachable through ${purge.attempts + 1} attempts: ${failure!.message}`);
      }
      await this.subscriptions.deleteOne(record);
    }
    if (retry) throw retry;
  }

  private async leaveToExpire(record: SubscriptionRecord, reason: string): Promise<void> {
    if (!record.graphSubscriptionId) return;
    this.logger.warn(`Subscription ${record.graphSubscriptionId} could not be deleted at Graph (${reason}); it expires on its own at ${record.expiresAt?.toISOString() ?? 'its expiry'}`);
    await this.expiring.record({ graphSubscriptionId: record.graphSubscriptionId, workspaceId: record.workspaceId, resource: record.resource, expiresAt: record.expiresAt, reason });
  }
}
