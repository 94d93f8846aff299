import { Inject, Injectable } from '@nestjs/common';
import type { MicrosoftPushType } from '../accounts/microsoft-account.graphql.js';
import { SubscriptionRepository } from './subscription.repository.js';
import { SubscriptionService } from './subscription.service.js';
import { MicrosoftPushStatus, SubscriptionStatus } from './subscription.constants.js';
import type { SubscriptionKindName } from './subscription-kinds.js';

/** A channel's push as Settings → Accounts shows it: live while its subscription is active and unexpired. */
@Injectable()
export class ChannelPushStatus {
  constructor(
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
    @Inject(SubscriptionService) private readonly channelSubscriptions: SubscriptionService,
  ) {}

  async of(channelId: string, kind: SubscriptionKindName): Promise<MicrosoftPushType> {
    const subscription = await this.subscriptions.findByChannel(channelId, kind);
    const live = subscription?.status === SubscriptionStatus.ACTIVE && subscription.expiresAt !== null && new Date(subscription.expiresAt).getTime() > Date.now();
    const status = live ? MicrosoftPushStatus.LIVE : subscription?.status === SubscriptionStatus.PENDING ? MicrosoftPushStatus.STARTING : MicrosoftPushStatus.OFF;
    return {
      status,
      expiresAt: subscription?.expiresAt ?? null,
      lastNotificationAt: subscription?.lastNotificationAt ?? null,
      lastError: subscription?.lastError ?? null,
      unavailableReason: this.channelSubscriptions.unavailableReason(),
    };
  }
}
