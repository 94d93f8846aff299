import { Inject, Injectable } from '@nestjs/common';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { AccountPurgeRepository, type AccountPurge } from './account-purge.repository.js';
import { PurgeStepRetryLater, type AccountPurgeStep } from './account-purge-step.js';
import { ACCOUNT_PURGE_STEPS } from './account-purge.steps.js';
import { disconnectRetryPolicy } from './disconnect-retry.policy.js';

export type PurgeOutcome = 'completed' | 'postponed' | 'busy';

/**
 * Runs an account's purge: the steps not done yet, in order, each recorded once done. A step that asks to retry
 * later (or fails) postpones the purge with backoff; whichever process finds it due resumes it
 * (InterruptedPurgeRecovery), as it does for a purge whose process died.
 */
@Injectable()
export class AccountPurgeService {
  private readonly logger = new PluginLogger('MicrosoftDisconnect');

  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
    @Inject(ACCOUNT_PURGE_STEPS) private readonly steps: AccountPurgeStep[],
  ) {}

  /** Step names in the order they run. */
  stepNames(): string[] {
    return this.steps.map((step) => step.name);
  }

  /** Runs the purge if it is free (no live process runs it) and due, or at once with `now`. */
  async run(connectedAccountId: string, options: { now?: boolean } = {}): Promise<PurgeOutcome> {
    const purge = await this.purges.claim(connectedAccountId, options.now ?? false);
    if (!purge) return 'busy';
    try {
      return await this.runClaimed(purge);
    } catch (error) {
      // The bookkeeping itself failed (database unreachable): free the purge for a later run, if the database lets us.
      await this.purges.postpone(purge.connectedAccountId, new Date(Date.now() + disconnectRetryPolicy(this.config).delayMs(purge.attempts + 1)), (error as Error).message).catch(() => undefined);
      throw error;
    }
  }

  private async runClaimed(purge: AccountPurge): Promise<PurgeOutcome> {
    for (const step of this.steps) {
      if (purge.completedSteps.includes(step.name)) continue;
      try {
        await step.run(purge);
      } catch (error) {
        const attempt = purge.attempts + 1;
        const retryAfterMs = error instanceof PurgeStepRetryLater ? error.retryAfterMs : undefined;
        const delayMs = disconnectRetryPolicy(this.config).delayMs(attempt, retryAfterMs);
        const message = `${step.name}: ${(error as Error).message}`;
        this.logger.warn(`Disconnect of account ${purge.connectedAccountId} stopped at ${message}; run ${attempt + 1} in ${Math.round(delayMs / 1000)} s`);
        await this.purges.postpone(purge.connectedAccountId, new Date(Date.now() + delayMs), message);
        return 'postponed';
      }
      await this.purges.stepDone(purge.connectedAccountId, step.name);
    }
    await this.purges.complete(purge.connectedAccountId);
    this.logger.log(`Account ${purge.connectedAccountId} disconnected: every step done`);
    return 'completed';
  }
}
