import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PluginLogger } from '../logging/plugin-logger.js';
import { AccountPurgeRepository } from './account-purge.repository.js';
import { AccountPurgeService } from './account-purge.service.js';
import { ExpiringSubscriptionRepository } from './expiring-subscription.repository.js';

/** How often every process looks for disconnects to finish: one indexed query on a table that is nearly always empty. */
export const PURGE_RECOVERY_EVERY_MS = 2_000;
const PURGES_PER_CHECK = 20;

/**
 * Finishes disconnects: at startup (a restarted host finds the purge its previous life left midway) and every few
 * seconds after (a purge postponed for an unreachable Graph comes due, or another process died running one). Also
 * forgets subscriptions left to expire once they have.
 */
@Injectable()
export class InterruptedPurgeRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new PluginLogger(InterruptedPurgeRecovery.name);
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;

  constructor(
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
    @Inject(AccountPurgeService) private readonly service: AccountPurgeService,
    @Inject(ExpiringSubscriptionRepository) private readonly expiring: ExpiringSubscriptionRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), PURGE_RECOVERY_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.checking;
  }

  /** Runs every due purge nobody runs; resolves when they have run (completed or postponed again). */
  async resumeDue(): Promise<number> {
    const due = await this.purges.listDue(PURGES_PER_CHECK);
    let completed = 0;
    for (const connectedAccountId of due) {
      if ((await this.service.run(connectedAccountId)) === 'completed') completed += 1;
    }
    await this.expiring.deleteExpired();
    return completed;
  }

  private tick(): void {
    if (this.checking) return;
    this.checking = this.resumeDue()
      .then(() => undefined)
      .catch((error: Error) => this.logger.warn(`Could not resume disconnects: ${error.message}`))
      .finally(() => (this.checking = undefined));
  }
}
