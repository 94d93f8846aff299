import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { MAIL_PUSH_JOB, mailPushJobId, type MailPushJobData } from './subscription.constants.js';
import { PluginLogger } from '../logging/plugin-logger.js';

const FIRST_WINDOW_MS = 100;
const LONGEST_WINDOW_MS = 500;

interface Window {
  workspaceId: string;
  dirty: boolean;
  timer: NodeJS.Timeout;
}

/**
 * Asks for a channel's push job at once, then once per window while notifications keep coming (the last request at
 * the window's end). Windows double from 100 ms up to 500 ms while the channel stays busy and start again at
 * 100 ms once it goes quiet: a lone message is asked for at once, a burst costs a handful of queue writes, and a
 * mailbox under a steady stream costs two a second instead of one per notification. No notification waits more than
 * a window for its job to be asked for.
 */
@Injectable()
export class PushRequestDebouncer implements OnApplicationShutdown {
  private readonly logger = new PluginLogger(PushRequestDebouncer.name);
  private readonly windows = new Map<string, Window>();

  constructor(@Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem) {}

  request(workspaceId: string, messageChannelId: string): void {
    const open = this.windows.get(messageChannelId);
    if (open) {
      open.dirty = true;
      return;
    }
    this.add(workspaceId, messageChannelId);
    this.open(workspaceId, messageChannelId, FIRST_WINDOW_MS);
  }

  onApplicationShutdown(): void {
    // Requests still owed are found by the sweeper in the notification inbox.
    for (const window of this.windows.values()) clearTimeout(window.timer);
    this.windows.clear();
  }

  private open(workspaceId: string, messageChannelId: string, lengthMs: number): void {
    const window: Window = {
      workspaceId,
      dirty: false,
      timer: setTimeout(() => {
        this.windows.delete(messageChannelId);
        if (!window.dirty) return;
        this.add(workspaceId, messageChannelId);
        this.open(workspaceId, messageChannelId, Math.min(lengthMs * 2, LONGEST_WINDOW_MS));
      }, lengthMs),
    };
    window.timer.unref();
    this.windows.set(messageChannelId, window);
  }

  /** Not awaited: an unreachable queue must not hold up Graph's 202 (ioredis would wait for Redis to return). */
  private add(workspaceId: string, messageChannelId: string): void {
    this.jobs
      .add<MailPushJobData>(MAIL_PUSH_JOB.queue, MAIL_PUSH_JOB.name, { workspaceId, messageChannelId }, { jobId: mailPushJobId(messageChannelId) })
      .catch((error: Error) => this.logger.warn(`Push job for channel ${messageChannelId} not queued (${error.message}); the sweeper will retry`));
  }
}
