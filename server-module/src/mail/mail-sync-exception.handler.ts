import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, SyncRunTrigger, SyncStatus, type ClaimedCalendarChannel, type ClaimedMessageChannel, type HostJobSystem } from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { classifyGraphError } from '../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind as Kind } from '../graph/microsoft-graph.exception.js';
import { syncRunAction } from '../sync-log/sync-run-action.util.js';
import type { SyncRunFailure } from '../sync-log/sync-run.repository.js';
import { SyncProgressRepository } from './sync-progress.repository.js';
import { MAIL_SYNC_JOB, MAX_CONSECUTIVE_FAILURES, mailSyncJobId, type MailSyncJobData } from './mail-sync.constants.js';
import { CALENDAR_SYNC_JOB, calendarSyncJobId, type CalendarSyncJobData } from '../calendar/calendar-sync.constants.js';
import { PluginLogger } from '../logging/plugin-logger.js';

const BASE_BACKOFF_MS = 30_000;

/**
 * The one place a failed mail or calendar pass turns into channel state: retry later, or "Sync failed" with the reason. Returns
 * the failure as the sync log records it (null when the worker is only shutting down).
 */
@Injectable()
export class MailSyncExceptionHandler {
  private readonly logger = new PluginLogger(MailSyncExceptionHandler.name);

  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(SyncProgressRepository) private readonly progress: SyncProgressRepository,
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
  ) {}

  async handle(channel: ClaimedMessageChannel, error: unknown): Promise<SyncRunFailure | null> {
    const { workspaceId, id: channelId } = channel;
    return this.handleFor({
      kind: 'mail',
      workspaceId,
      channelId,
      syncState: this.records.messageChannelSyncState(),
      retry: (delayMs) =>
        this.jobs.add<MailSyncJobData>(MAIL_SYNC_JOB.queue, MAIL_SYNC_JOB.name, { workspaceId, messageChannelId: channelId, trigger: SyncRunTrigger.RETRY }, { jobId: mailSyncJobId(channelId), delayMs }),
    }, error);
  }

  /** The same rules for a calendar pass: the same classifier, backoff, give-up count and sync log failure. */
  async handleCalendar(channel: ClaimedCalendarChannel, error: unknown): Promise<SyncRunFailure | null> {
    const { workspaceId, id: channelId } = channel;
    return this.handleFor({
      kind: 'calendar',
      workspaceId,
      channelId,
      syncState: this.records.calendarChannelSyncState(),
      retry: (delayMs) =>
        this.jobs.add<CalendarSyncJobData>(CALENDAR_SYNC_JOB.queue, CALENDAR_SYNC_JOB.name, { workspaceId, calendarChannelId: channelId, trigger: SyncRunTrigger.RETRY }, { jobId: calendarSyncJobId(channelId), delayMs }),
    }, error);
  }

  private async handleFor(target: FailureTarget, error: unknown): Promise<SyncRunFailure | null> {
    const { workspaceId, channelId, syncState } = target;
    if ((error as Error)?.name === 'AbortError') {
      // The worker is shutting down: the claim stays with this process's lease, free the moment the process is gone;
      // the next worker resumes from the checkpoint.
      return null;
    }
    const failure = classifyGraphError(error);
    this.logger.warn(`${target.kind === 'mail' ? 'Mail' : 'Calendar'} sync of channel ${channelId} failed (${failure.kind}): ${failure.message.split('\n')[0]}`);
    const code = failure.graphCode ?? failure.kind;
    const message = describe(failure.kind, failure.message, target.kind);
    await this.progress.recordError(workspaceId, channelId, target.kind, code, message);
    const logged = (gaveUp: boolean, retryAt: Date | null): SyncRunFailure => ({ code, message, action: syncRunAction(failure.kind, gaveUp), retryAt });

    switch (failure.kind) {
      case Kind.UNAUTHENTICATED:
      case Kind.INSUFFICIENT_PERMISSIONS:
        await syncState.markFailed(workspaceId, channelId, SyncStatus.FAILED_INSUFFICIENT_PERMISSIONS);
        return logged(false, null);
      case Kind.MAILBOX_UNAVAILABLE:
        await syncState.markFailed(workspaceId, channelId, SyncStatus.FAILED_UNKNOWN);
        return logged(false, null);
      default: {
        const failures = await syncState.markThrottled(workspaceId, channelId, new Date(Date.now() + (failure.retryAfterMs ?? BASE_BACKOFF_MS)));
        const delayMs = failure.retryAfterMs ?? BASE_BACKOFF_MS * 2 ** (failures - 1);
        if (failures >= MAX_CONSECUTIVE_FAILURES) {
          await syncState.markFailed(workspaceId, channelId, SyncStatus.FAILED_UNKNOWN);
          return logged(true, null);
        }
        await target.retry(delayMs);
        return logged(false, new Date(Date.now() + delayMs));
      }
    }
  }
}

interface FailureTarget {
  kind: 'mail' | 'calendar';
  workspaceId: string;
  channelId: string;
  syncState: {
    markFailed(workspaceId: string, channelId: string, status: 'FAILED_INSUFFICIENT_PERMISSIONS' | 'FAILED_UNKNOWN'): Promise<void>;
    markThrottled(workspaceId: string, channelId: string, retryAt: Date): Promise<number>;
  };
  retry(delayMs: number): Promise<void>;
}

function describe(kind: Kind, message: string, area: 'mail' | 'calendar'): string {
  switch (kind) {
    case Kind.UNAUTHENTICATED:
      return 'Microsoft no longer accepts this account’s sign-in. Reconnect it.';
    case Kind.INSUFFICIENT_PERMISSIONS:
      return `Microsoft refused access to the ${area === 'mail' ? 'mailbox' : 'calendars'} (${message}). Reconnect and grant ${area} access.`;
    case Kind.MAILBOX_UNAVAILABLE:
      return `Outlook cannot serve this mailbox: ${message}`;
    case Kind.THROTTLED:
      return `Microsoft asked us to slow down; the import resumes by itself. (${message})`;
    case Kind.TEMPORARY:
      return `Microsoft had a temporary problem; the import retries by itself. (${message})`;
    case Kind.INTERNAL:
      return `The CRM failed while saving the import and will retry: ${message}`;
    default:
      return `The import stopped on an error and will be retried: ${message}`;
  }
}
