import { Inject, Injectable } from '@nestjs/common';
import { SubscriptionRepository } from './subscription.repository.js';
import { MicrosoftIdentityRepository } from '../accounts/microsoft-identity.repository.js';

export interface KnownSubscription {
  id: string;
  workspaceId: string;
  connectedAccountId: string;
  channelId: string;
  kind: string;
  clientState: string;
  /** The Microsoft tenant of the account the subscription serves (null for an account connected before it was kept). */
  tenantId: string | null;
}

const KNOWN_TTL_MS = 5 * 60 * 1000;
const UNKNOWN_TTL_MS = 30 * 1000;
const MAX_UNKNOWN = 10_000;

/**
 * What the webhook needs to check a notification — channel, kind and clientState per Graph subscription id — kept in
 * memory so a burst costs no database reads. Unknown ids are remembered briefly, so forged ids cannot hammer the database.
 */
@Injectable()
export class SubscriptionRegistry {
  private readonly known = new Map<string, { value: KnownSubscription; until: number }>();
  private readonly unknown = new Map<string, number>();

  constructor(
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
  ) {}

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
    const tenantId = (await this.identities.find(record.workspaceId, record.connectedAccountId))?.tenantId ?? null;
    const value = { id: record.id, workspaceId: record.workspaceId, connectedAccountId: record.connectedAccountId, channelId: record.channelId, kind: record.kind, clientState, tenantId };
    this.known.set(graphSubscriptionId, { value, until: now + KNOWN_TTL_MS });
    return value;
  }

  forget(graphSubscriptionId: string | null): void {
    if (!graphSubscriptionId) return;
    this.known.delete(graphSubscriptionId);
    this.unknown.delete(graphSubscriptionId);
  }
}
