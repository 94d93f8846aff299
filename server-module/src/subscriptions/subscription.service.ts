import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FeatureGate } from '../accounts/feature-gate.js';
import { AccountPurgeRepository } from '../disconnect/account-purge.repository.js';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { classifyGraphError } from '../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind } from '../graph/microsoft-graph.exception.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { SubscriptionRepository, type SubscriptionRecord } from './subscription.repository.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { LIFECYCLE_WEBHOOK_PATH, MESSAGING_WEBHOOK_PATH, SubscriptionStatus } from './subscription.constants.js';
import { subscriptionKind, type SubscriptionKind } from './subscription-kinds.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { realTimeUnavailableReason, webhookBaseUrl } from './webhook-url.policy.js';

interface GraphSubscription {
  id: string;
  expirationDateTime: string;
}

/**
 * Creates, renews, reauthorizes and deletes the Graph subscriptions that push a mailbox's changes to us: one per
 * channel and kind (its mail on `/me/messages`, its calendar on `/me/events`), all through the same code.
 */
@Injectable()
export class SubscriptionService {
  private readonly logger = new PluginLogger(SubscriptionService.name);

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(SubscriptionRegistry) private readonly registry: SubscriptionRegistry,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
  ) {}

  /** Why this configuration cannot have push (shown to the member), or null. */
  unavailableReason(): string | null {
    return realTimeUnavailableReason(this.config);
  }

  /**
   * A new subscription of this kind for the channel (the old one, if any, is deleted at Graph first). Graph validates
   * our URLs meanwhile. Null when the account is gone, or when this configuration cannot have push (no https webhook URL).
   */
  async create(kind: SubscriptionKind, workspaceId: string, connectedAccountId: string, channelId: string, resource: string = kind.resource): Promise<SubscriptionRecord | null> {
    if (this.unavailableReason()) return null;
    if (!(await this.accountExists(workspaceId, connectedAccountId))) return null;
    if (!(await this.gate.isGranted(workspaceId, connectedAccountId, kind.feature))) return null;
    const graph = this.graph(workspaceId, connectedAccountId);
    const previous = await this.subscriptions.findByChannel(channelId, kind.name);
    if (previous?.graphSubscriptionId) await this.deleteRemote(graph, previous);
    const clientState = randomBytes(32).toString('base64url');
    const record = await this.subscriptions.prepare({ workspaceId, connectedAccountId, channelId, kind: kind.name, resource }, clientState);
    try {
      const created: GraphSubscription = await graph.request((client) =>
        client.api('/subscriptions').post({
          changeType: kind.changeType,
          notificationUrl: this.url(MESSAGING_WEBHOOK_PATH),
          lifecycleNotificationUrl: this.url(LIFECYCLE_WEBHOOK_PATH),
          resource,
          expirationDateTime: new Date(Date.now() + kind.lifetimeMs).toISOString(),
          clientState,
          latestSupportedTlsVersion: 'v1_2',
        }),
      );
      await this.subscriptions.activate(record.id, created.id, new Date(created.expirationDateTime));
      this.registry.forget(created.id);
      if (!(await this.accountExists(workspaceId, connectedAccountId))) {
        // Disconnected while Graph was validating our endpoint: undo, so nothing outlives the account.
        await this.deleteRemote(graph, { ...record, graphSubscriptionId: created.id });
        await this.subscriptions.deleteForAccount(workspaceId, connectedAccountId);
        return null;
      }
      return { ...record, graphSubscriptionId: created.id, status: SubscriptionStatus.ACTIVE, expiresAt: new Date(created.expirationDateTime) };
    } catch (error) {
      const failure = classifyGraphError(error);
      await this.subscriptions.setStatus(record.id, SubscriptionStatus.FAILED, failure.message.slice(0, 500));
      if (!(await this.accountExists(workspaceId, connectedAccountId))) {
        await this.subscriptions.deleteForAccount(workspaceId, connectedAccountId);
        return null;
      }
      throw failure;
    }
  }

  /** Extends the subscription; if Graph no longer knows it, makes a new one. */
  async renew(record: SubscriptionRecord): Promise<void> {
    // Being disconnected: the purge deletes it; extending it would only let it outlive a Graph that stays unreachable.
    if (await this.purges.isDisconnecting(record.connectedAccountId)) return;
    const graph = this.graph(record.workspaceId, record.connectedAccountId);
    if (!record.graphSubscriptionId || record.status === SubscriptionStatus.FAILED) {
      await this.recreate(record);
      return;
    }
    try {
      const lifetimeMs = subscriptionKind(record.kind).lifetimeMs;
      const renewed: GraphSubscription = await graph.request((client) =>
        client.api(`/subscriptions/${record.graphSubscriptionId}`).patch({ expirationDateTime: new Date(Date.now() + lifetimeMs).toISOString() }),
      );
      await this.subscriptions.renewed(record.id, new Date(renewed.expirationDateTime));
    } catch (error) {
      const failure = classifyGraphError(error);
      if (failure.kind === MicrosoftGraphErrorKind.UNAUTHENTICATED) throw failure;
      this.logger.warn(`Renewal of subscription ${record.graphSubscriptionId} failed (${failure.message}); creating a new one`);
      await this.recreate(record);
    }
  }

  /** A new subscription of the same kind for the same channel, in place of this one. */
  recreate(record: SubscriptionRecord): Promise<SubscriptionRecord | null> {
    return this.create(subscriptionKind(record.kind), record.workspaceId, record.connectedAccountId, record.channelId, record.resource);
  }

  /** Answers `reauthorizationRequired`: reauthorize, or renew when Graph refuses that. */
  async reauthorize(record: SubscriptionRecord): Promise<void> {
    if (await this.purges.isDisconnecting(record.connectedAccountId)) return;
    const graph = this.graph(record.workspaceId, record.connectedAccountId);
    try {
      await graph.request((client) => client.api(`/subscriptions/${record.graphSubscriptionId}/reauthorize`).post({}));
      await this.subscriptions.setStatus(record.id, SubscriptionStatus.ACTIVE);
    } catch (error) {
      const failure = classifyGraphError(error);
      if (failure.kind === MicrosoftGraphErrorKind.UNAUTHENTICATED) throw failure;
      await this.renew(record);
    }
  }

  /**
   * On disconnect: stops the subscription at Graph. Resolves when Graph deleted it or no longer knows it; otherwise
   * throws the classified failure (the purge decides whether to retry or to let it expire).
   */
  async deleteAtGraph(record: SubscriptionRecord): Promise<void> {
    if (record.graphSubscriptionId) {
      try {
        await this.graph(record.workspaceId, record.connectedAccountId).request((client) => client.api(`/subscriptions/${record.graphSubscriptionId}`).delete());
      } catch (error) {
        const failure = classifyGraphError(error);
        if (failure.kind !== MicrosoftGraphErrorKind.NOT_FOUND) throw failure;
      }
    }
    this.registry.forget(record.graphSubscriptionId);
  }

  private async deleteRemote(graph: AccountGraphClient, record: SubscriptionRecord): Promise<void> {
    try {
      await graph.request((client) => client.api(`/subscriptions/${record.graphSubscriptionId}`).delete());
    } catch (error) {
      const failure = classifyGraphError(error);
      if (failure.kind !== MicrosoftGraphErrorKind.NOT_FOUND) this.logger.warn(`Could not delete subscription ${record.graphSubscriptionId} at Graph: ${failure.message}`);
    }
    this.registry.forget(record.graphSubscriptionId);
  }

  /** Gone, or being disconnected: a subscription made meanwhile must not outlive it. */
  private async accountExists(workspaceId: string, connectedAccountId: string): Promise<boolean> {
    if (await this.purges.isDisconnecting(connectedAccountId)) return false;
    return (await this.records.connectedAccounts().findConnectedAccount(workspaceId, connectedAccountId)) !== null;
  }

  private graph(workspaceId: string, connectedAccountId: string): AccountGraphClient {
    return new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId);
  }

  private url(path: string): string {
    return new URL(path, webhookBaseUrl(this.config)).toString();
  }
}
