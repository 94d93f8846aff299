import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TaskChangeKind, type RecordedTaskChange, type TaskChange, type TaskChangePort } from '@m365/shared-types';
import { TodoLinkRepository } from '../todo-link.repository.js';
import { TodoOutboundJobs } from './todo-outbound.jobs.js';

/**
 * The plugin's side of the host's task change port, inside the host's transaction: a synced task's edit marks its
 * link pending (the write reads the task as it is then); its deletion marks the link for removal, which deletes the
 * To Do task the sync created. The jobs start once the host committed.
 */
@Injectable()
export class TaskChangeListener implements TaskChangePort {
  constructor(
    @Inject(TodoLinkRepository) private readonly links: TodoLinkRepository,
    @Inject(TodoOutboundJobs) private readonly jobs: TodoOutboundJobs,
  ) {}

  async recordChange(change: TaskChange): Promise<RecordedTaskChange> {
    const manager = change.transaction as EntityManager;
    const link = await this.links.findForTask(change.workspaceId, change.taskId, manager);
    if (!link) return { synced: false, dispatch: async () => undefined };
    await this.links.markPending(manager, link.id, change.editedAt, change.kind === TaskChangeKind.DELETED);
    return { synced: true, dispatch: () => this.jobs.enqueue(change.workspaceId, link.id) };
  }
}
