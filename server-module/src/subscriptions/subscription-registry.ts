import { Inject, Injectable } from '@nestjs/common';
import { SubscriptionRepository } from './subscription.repository.js';

export interface KnownSubscription {
  id: string;
  workspaceId: string;
  connectedAccountId: string;
  channelId: string;
  clientState: string;
}

const KNOWN_TTL_MS = 5 * 60 * 1000;
const UNKNOWN_TTL_MS = 30 * 1000;
const MAX_UNKNOWN = 10_000;

/**
 * What the webhook needs to check a notification — channel and clientState per Graph subscription id — kept in
 * memory so a burst costs no database reads. Unknown ids are remembered briefly, so forged ids cannot hammer the database.
 */
@Injectable()
export class SubscriptionRegistry {
  private readonly known = new Map<string, { value: KnownSubscription; until: number }>();
  private readonly unknown = new Map<string, number>();

  constructor(@Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository) {}

  async resolve(graphSubscriptionId: string): Promise<KnownSubscription | null> {
    const now = Date.now();
    const cached = this.known.get(graphSubscriptionId);
    if (cached && cached.until > now) return cached.value;
    const unknownUntil = this.unknown.get(graphSubscriptionId);
    if (unknownUntil && unknownUntil > now) return null;

    const record = await this.subscriptions.findByGraphId(graphSubscriptionId);
    const clientState = record ? await this.subscriptions.clientState(record.id) : null;
    if (!record || !clientState) {
      if (this.unknown.size >= MAX_UNKNOWN) this.unknown.delete(this.unknown.keys().next().value!);
      this.unknown.set(graphSubscriptionId, now + UNKNOWN_TTL_MS);
      return null;
    }
    const value = { id: record.id, workspaceId: record.workspaceId, connectedAccountId: record.connectedAccountId, channelId: record.channelId, clientState };
    this.known.set(graphSubscriptionId, { value, until: now + KNOWN_TTL_MS });
    return value;
  }

  forget(graphSubscriptionId: string | null): void {
    if (!graphSubscriptionId) return;
    this.known.delete(graphSubscriptionId);
    this.unknown.delete(graphSubscriptionId);
  }
}
