import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import type { SubscriptionKind } from './subscription-kinds.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { IntakeRateMeter } from './intake-rate.meter.js';
import { STORM_NOTIFICATIONS_PER_SECOND } from './push-pass.gate.js';

const FIRST_WINDOW_MS = 100;
const LONGEST_WINDOW_MS = 500;

interface Window {
  dirty: boolean;
  timer: NodeJS.Timeout;
}

/**
 * Asks for a channel's push job at once, then once per window while notifications keep coming (the last request at
 * the window's end). During a notification storm (over STORM_NOTIFICATIONS_PER_SECOND in this process) windows
 * double from 100 ms up to 500 ms while the channel stays busy, so a mailbox under a steady stream costs two queue
 * writes a second instead of one per notification; otherwise every window is 100 ms (at most ten a second, never
 * more than one per notification): a 500 ms window there kept a member's own sent mail out of the CRM thread for
 * up to half a second after its notification, once per window. A window closes once the channel goes quiet. No
 * notification waits more than a window for its job to be asked for.
 */
@Injectable()
export class PushRequestDebouncer implements OnApplicationShutdown {
  private readonly logger = new PluginLogger(PushRequestDebouncer.name);
  private readonly windows = new Map<string, Window>();

  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(IntakeRateMeter) private readonly intake: IntakeRateMeter,
  ) {}

  /** Channel ids are unique across kinds (a message channel and a calendar channel never share one). */
  request(kind: SubscriptionKind, workspaceId: string, channelId: string): void {
    const open = this.windows.get(channelId);
    if (open) {
      open.dirty = true;
      return;
    }
    this.add(kind, workspaceId, channelId);
    this.open(kind, workspaceId, channelId, FIRST_WINDOW_MS);
  }

  onApplicationShutdown(): void {
    // Requests still owed are found by the sweeper in the notification inbox.
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(kind: SubscriptionKind, workspaceId: string, channelId: string, lengthMs: number): void {
    const window: Window = {
      dirty: false,
      timer: setTimeout(() => {
        this.windows.delete(channelId);
        if (!window.dirty) return;
        this.add(kind, workspaceId, channelId);
        this.open(kind, workspaceId, channelId, this.intake.perSecond() >= STORM_NOTIFICATIONS_PER_SECOND ? Math.min(lengthMs * 2, LONGEST_WINDOW_MS) : FIRST_WINDOW_MS);
      }, lengthMs),
    };
    window.timer.unref();
    this.windows.set(channelId, window);
  }

  /** Not awaited: an unreachable queue must not hold up Graph's 202 (ioredis would wait for Redis to return). */
  private add(kind: SubscriptionKind, workspaceId: string, channelId: string): void {
    const job = kind.pushJobRequest(workspaceId, channelId);
    this.jobs
      .add(job.queue, job.name, job.data, { jobId: job.jobId })
      .catch((error: Error) => this.logger.warn(`Push job for channel ${channelId} not queued (${error.message}); the sweeper will retry`));
  }
}
