import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { MicrosoftQueue } from '../../jobs/queue-names.js';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { CalendarOutboxRepository } from './calendar-outbox.repository.js';
import { CalendarOutboundApplier } from './calendar-outbound.applier.js';

export const CALENDAR_OUTBOUND_JOB = { queue: MicrosoftQueue.CALENDAR, name: 'MicrosoftCalendarOutboundJob' };
export const CALENDAR_OUTBOUND_RESUME_CRON = { queue: MicrosoftQueue.CRON, name: 'MicrosoftCalendarOutboundResumeCronJob', pattern: '* * * * *' };

interface CalendarOutboundJobData {
  workspaceId: string;
  calendarEventId: string;
}

const JOB_ATTEMPTS = 6;
const STRANDED_AFTER_SECONDS = 30;
const RESUMED_PER_PASS = 200;

/** One job per CRM calendar change: it writes the event's pending changes to Outlook, oldest first. */
@Injectable()
export class CalendarOutboundJobs {
  private readonly logger = new PluginLogger('MicrosoftCalendarOutbound');

  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(CalendarOutboundApplier) private readonly applier: CalendarOutboundApplier,
    @Inject(CalendarOutboxRepository) private readonly outbox: CalendarOutboxRepository,
  ) {
    this.jobs.registerProcessor<CalendarOutboundJobData>(CALENDAR_OUTBOUND_JOB.queue, CALENDAR_OUTBOUND_JOB.name, ({ calendarEventId }) => this.run(calendarEventId));
    this.jobs.registerCron({ ...CALENDAR_OUTBOUND_RESUME_CRON, handler: async () => void (await this.resumeStranded()) });
  }

  async enqueue(workspaceId: string, calendarEventId: string): Promise<void> {
    await this.jobs.add<CalendarOutboundJobData>(CALENDAR_OUTBOUND_JOB.queue, CALENDAR_OUTBOUND_JOB.name, { workspaceId, calendarEventId }, {
      jobId: `calendar-outbound:${calendarEventId}:${randomUUID()}`,
      attempts: JOB_ATTEMPTS,
    });
  }

  /**
   * Applies the event's pending changes in order. A temporary failure (throttling, 5xx, network) throws so that the
   * job system retries with backoff; another worker holding the event's lease is waited out the same way.
   */
  async run(calendarEventId: string): Promise<void> {
    for (;;) {
      const row = await this.outbox.claimNext(calendarEventId);
      if (!row) {
        if (await this.outbox.hasPending(calendarEventId)) throw new Error(`Calendar event ${calendarEventId}: another worker is writing it to Outlook`);
        return;
      }
      await this.applier.apply(row);
    }
  }

  /** Changes whose job never ran or died: a process killed right after the host's commit loses nothing. */
  async resumeStranded(): Promise<number> {
    const stranded = await this.outbox.listStranded(STRANDED_AFTER_SECONDS, RESUMED_PER_PASS);
    const events = new Map(stranded.map((row) => [row.calendarEventId, row.workspaceId]));
    for (const [calendarEventId, workspaceId] of events) await this.enqueue(workspaceId, calendarEventId);
    if (events.size > 0) this.logger.log(`Resuming outbound writes of ${events.size} calendar event(s)`);
    return events.size;
  }
}
