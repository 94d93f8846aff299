import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PluginLogger } from '../logging/plugin-logger.js';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { COMPOSE_RESUME_CRON, COMPOSE_SEND_JOB, composeSendJobId, type ComposeSendJobData } from './compose.constants.js';
import { OutgoingMessageRepository } from './outgoing-message.repository.js';
import { OutgoingSendMachine } from './outgoing-send.machine.js';

const RESUMED_PER_PASS = 200;
const JOB_ATTEMPTS = 5;

/** The send job: it drives a send's state machine; a queued send comes back at its time, a failed job retries. */
@Injectable()
export class ComposeJobs {
  private readonly logger = new PluginLogger('MicrosoftCompose');

  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(OutgoingSendMachine) private readonly machine: OutgoingSendMachine,
    @Inject(OutgoingMessageRepository) private readonly outgoing: OutgoingMessageRepository,
  ) {
    this.jobs.registerProcessor<ComposeSendJobData>(COMPOSE_SEND_JOB.queue, COMPOSE_SEND_JOB.name, ({ workspaceId, outgoingId }) => this.run(workspaceId, outgoingId));
    this.jobs.registerCron({ ...COMPOSE_RESUME_CRON, handler: async () => void (await this.resumeDue()) });
  }

  async enqueue(workspaceId: string, outgoingId: string, delayMs?: number): Promise<void> {
    await this.jobs.add<ComposeSendJobData>(COMPOSE_SEND_JOB.queue, COMPOSE_SEND_JOB.name, { workspaceId, outgoingId }, {
      jobId: composeSendJobId(outgoingId, randomUUID()),
      attempts: JOB_ATTEMPTS,
      ...(delayMs ? { delayMs } : {}),
    });
  }

  /** One pass of the machine; throws on a temporary failure so the job system retries it with backoff. */
  async run(workspaceId: string, outgoingId: string): Promise<void> {
    const outcome = await this.machine.advance(workspaceId, outgoingId);
    if (outcome.kind === 'queued') await this.enqueue(workspaceId, outgoingId, Math.max(0, outcome.until.getTime() - Date.now()));
    if (outcome.kind === 'retry') throw outcome.error;
  }

  async resumeDue(): Promise<number> {
    const due = await this.outgoing.listResumable(RESUMED_PER_PASS);
    for (const row of due) await this.enqueue(row.workspaceId, row.id);
    if (due.length > 0) this.logger.log(`Resuming ${due.length} send(s)`);
    return due.length;
  }
}
