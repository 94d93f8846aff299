import { Inject, Injectable } from '@nestjs/common';
import { IntakeRateMeter } from './intake-rate.meter.js';

/** Above this many notifications a second in this process, push passes run one at a time. */
export const STORM_NOTIFICATIONS_PER_SECOND = 1_000;
const RECHECK_MS = 50;

/**
 * Push passes yield to the webhook during a notification storm. Graph throttles, then drops, the subscriptions of
 * an endpoint that answers slower than ~3 s (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks#throttling),
 * while a pass that waits a little only covers more notifications when it runs. So while this process accepts over
 * STORM_NOTIFICATIONS_PER_SECOND, one pass runs at a time; the others wait their turn. A worker process that
 * receives no webhooks is never held back.
 */
@Injectable()
export class PushPassGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private timer?: NodeJS.Timeout;

  constructor(@Inject(IntakeRateMeter) private readonly intake: IntakeRateMeter) {}

  async run<T>(pass: () => Promise<T>): Promise<T> {
    if (this.mayStart()) this.running += 1;
    else await new Promise<void>((resolve) => this.wait(resolve)); // release() took the slot for this pass
    try {
      return await pass();
    } finally {
      this.running -= 1;
      this.release();
    }
  }

  private mayStart(): boolean {
    return this.running === 0 || this.intake.perSecond() < STORM_NOTIFICATIONS_PER_SECOND;
  }

  private wait(resolve: () => void): void {
    this.waiting.push(resolve);
    this.timer ??= setInterval(() => this.release(), RECHECK_MS).unref();
  }

  private release(): void {
    while (this.waiting.length > 0 && this.mayStart()) {
      this.running += 1;
      this.waiting.shift()!();
    }
    if (this.waiting.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
