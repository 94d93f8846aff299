import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { classifyGraphError } from '../../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind as Kind } from '../../graph/microsoft-graph.exception.js';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { TodoLinkRepository } from '../todo-link.repository.js';
import { TODO_OUTBOUND_JOB, TODO_OUTBOUND_RESUME_CRON, type TodoOutboundJobData } from '../todo-sync.constants.js';
import { TodoTaskWriter } from './todo-task.writer.js';

const JOB_ATTEMPTS = 6;
const MAX_ATTEMPTS = 20;
const STRANDED_AFTER_SECONDS = 30;
const RESUMED_PER_PASS = 200;
const RETRIED = new Set([Kind.THROTTLED, Kind.TEMPORARY, Kind.INTERNAL, Kind.UNAUTHENTICATED]);

/** One job per CRM task change on its way to To Do; the resume cron picks up writes whose job was lost or failed for now. */
@Injectable()
export class TodoOutboundJobs {
  private readonly logger = new PluginLogger('MicrosoftTodoOutbound');

  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(TodoTaskWriter) private readonly writer: TodoTaskWriter,
    @Inject(TodoLinkRepository) private readonly links: TodoLinkRepository,
  ) {
    this.jobs.registerProcessor<TodoOutboundJobData>(TODO_OUTBOUND_JOB.queue, TODO_OUTBOUND_JOB.name, (data) => this.run(data.linkId));
    this.jobs.registerCron({ ...TODO_OUTBOUND_RESUME_CRON, handler: async () => void (await this.resumeStranded()) });
  }

  async enqueue(workspaceId: string, linkId: string): Promise<void> {
    await this.jobs.add<TodoOutboundJobData>(TODO_OUTBOUND_JOB.queue, TODO_OUTBOUND_JOB.name, { workspaceId, linkId }, { jobId: `todo-outbound:${linkId}:${Date.now()}`, attempts: JOB_ATTEMPTS });
  }

  /** A temporary failure throws so that the job system retries with backoff; anything else is recorded on the link. */
  async run(linkId: string): Promise<void> {
    try {
      await this.writer.write(linkId);
    } catch (error) {
      const failure = classifyGraphError(error);
      const link = await this.links.findById(linkId);
      if (!link) return;
      const retried = RETRIED.has(failure.kind) && failure.graphCode !== 'NeedsReconnect' && link.attempts < MAX_ATTEMPTS;
      await this.links.failed(linkId, `Not written to Microsoft To Do: ${failure.message}`, !retried);
      if (retried) throw failure;
    }
  }

  async resumeStranded(): Promise<number> {
    const stranded = await this.links.listStranded(STRANDED_AFTER_SECONDS, RESUMED_PER_PASS);
    for (const link of stranded) await this.enqueue(link.workspaceId, link.id);
    if (stranded.length > 0) this.logger.log(`Resuming To Do writes of ${stranded.length} task(s)`);
    return stranded.length;
  }
}
