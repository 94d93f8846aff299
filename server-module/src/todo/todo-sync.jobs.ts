import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, SyncRunTrigger, type HostJobSystem } from '@m365/shared-types';
import { BUSY_CHANNEL_RETRY_MS } from '../sync-leases/sync-lease.constants.js';
import { TodoSyncService } from './todo-sync.service.js';
import { TodoListRepository } from './todo-list.repository.js';
import { TodoPushRequester } from './todo-push.requester.js';
import { TODO_SYNC_CRON, TODO_SYNC_JOB, todoSyncJobId, type TodoSyncJobData } from './todo-sync.constants.js';

const LISTS_PER_PASS = 500;

/** The To Do sync processor and its periodic safety net (every 5 minutes, every list that holds synced tasks). */
@Injectable()
export class TodoSyncJobs {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(TodoSyncService) private readonly todoSync: TodoSyncService,
    @Inject(TodoListRepository) private readonly lists: TodoListRepository,
    @Inject(TodoPushRequester) private readonly push: TodoPushRequester,
  ) {
    this.jobs.registerProcessor<TodoSyncJobData & { retryWhenBusy?: boolean }>(TODO_SYNC_JOB.queue, TODO_SYNC_JOB.name, async (data) => {
      const outcome = await this.todoSync.syncList(data.workspaceId, data.todoListId, { trigger: data.trigger });
      if (outcome === 'busy' && data.retryWhenBusy) {
        await this.jobs.add(TODO_SYNC_JOB.queue, TODO_SYNC_JOB.name, data, { jobId: todoSyncJobId(data.todoListId), delayMs: BUSY_CHANNEL_RETRY_MS });
      }
    });
    this.jobs.registerCron({ ...TODO_SYNC_CRON, handler: async () => void (await this.enqueueAll()) });
  }

  async enqueue(workspaceId: string, todoListId: string, options: { retryWhenBusy?: boolean; trigger?: SyncRunTrigger } = {}): Promise<void> {
    const data = { workspaceId, todoListId, trigger: options.trigger ?? SyncRunTrigger.PERIODIC, retryWhenBusy: options.retryWhenBusy ?? false };
    await this.jobs.add(TODO_SYNC_JOB.queue, TODO_SYNC_JOB.name, data, { jobId: todoSyncJobId(todoListId) });
  }

  /** Every 5 minutes: each list that holds synced tasks; lists that no longer do lose their subscription and go. */
  async enqueueAll(): Promise<number> {
    for (const empty of await this.lists.listEmpty(LISTS_PER_PASS)) {
      await this.push.stop(empty.id);
      await this.lists.remove(empty.id);
    }
    const lists = await this.lists.listWithLinks(LISTS_PER_PASS);
    for (const list of lists) await this.enqueue(list.workspaceId, list.id);
    return lists.length;
  }
}
