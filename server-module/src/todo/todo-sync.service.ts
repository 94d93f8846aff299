import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MicrosoftFeature, SyncChannelKind, SyncRunTrigger } from '@m365/shared-types';
import { INTERRUPTED_MESSAGE, SyncRunRecorder } from '../sync-log/sync-run-recorder.js';
import type { SyncRunHandle } from '../sync-log/sync-run-handle.js';
import { syncRunAction } from '../sync-log/sync-run-action.util.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { AccountGraphClient } from '../graph/account-graph-client.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { classifyGraphError } from '../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { SyncLeaseRepository } from '../sync-leases/sync-lease.repository.js';
import { LeaseWatch } from '../sync-leases/leased-pass.js';
import { FeatureGate } from '../accounts/feature-gate.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import type { GraphTodoTask } from './graph-todo-task.mapper.js';
import { TodoListRepository, type TodoListRecord } from './todo-list.repository.js';
import { TodoLinkRepository, type TodoLinkRecord } from './todo-link.repository.js';
import { importTodoTask } from './todo-task.importer.js';
import { findMovedTasks } from './todo-moved-task.finder.js';
import { TodoOutboundJobs } from './outbound/todo-outbound.jobs.js';
import { TodoPushRequester } from './todo-push.requester.js';
import { TODO_PAGE_SIZE } from './todo-sync.constants.js';

export type TodoSyncOutcome = 'synced' | 'busy' | 'unavailable' | 'failed';

/** What settling a page's removed tasks did: followed to another list, or unlinked (deleted in To Do). */
interface SettledRemovals {
  followed: number;
  unlinked: number;
}

interface DeltaPage {
  value: GraphTodoTask[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** https://learn.microsoft.com/graph/api/todotask-delta */
export const initialTodoDeltaLink = (listExternalId: string) => `/me/todo/lists/${encodeURIComponent(listExternalId)}/tasks/delta`;

/**
 * One pass over a To Do list that holds synced tasks: its tasks delta from the stored cursor, each page in one
 * transaction with the next cursor. Tasks removed from the list are looked for in the account's other lists (a move
 * gives a task a new id; its linked resource names the CRM task): found, the link follows it (and its list gets a
 * subscription); not found, it was deleted in To Do, and the CRM task is unlinked and stays as it is.
 */
@Injectable()
export class TodoSyncService {
  private readonly logger = new PluginLogger(TodoSyncService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(TodoListRepository) private readonly lists: TodoListRepository,
    @Inject(TodoLinkRepository) private readonly links: TodoLinkRepository,
    @Inject(TodoOutboundJobs) private readonly outbound: TodoOutboundJobs,
    @Inject(TodoPushRequester) private readonly push: TodoPushRequester,
    @Inject(SyncRunRecorder) private readonly syncLog: SyncRunRecorder,
  ) {}

  /** `trigger`: what asked for the pass (PERIODIC unless told); a list never synced records its pass as FIRST_IMPORT. */
  async syncList(workspaceId: string, todoListId: string, options: { trigger?: SyncRunTrigger } = {}): Promise<TodoSyncOutcome> {
    const list = await this.lists.find(workspaceId, todoListId);
    if (!list) return 'unavailable';
    const account = await this.records.connectedAccounts().findConnectedAccount(workspaceId, list.connectedAccountId);
    if (!account || account.authFailedAt) return 'unavailable';
    const lease = await this.leases.acquire(workspaceId, todoListId, 'todo');
    if (!lease) return 'busy';
    // Another process took the list over (this one was presumed dead, or a disconnect holds it): stop at the next page.
    const watch = new LeaseWatch(this.leases, lease, todoListId);
    let run: SyncRunHandle | null = null;
    try {
      const trigger = list.syncedAt === null ? SyncRunTrigger.FIRST_IMPORT : options.trigger ?? SyncRunTrigger.PERIODIC;
      run = await this.syncLog.begin({ workspaceId, channelId: todoListId, channelKind: SyncChannelKind.TODO, trigger, recordAtEnd: trigger === SyncRunTrigger.PUSH });
      await this.gate.assertGranted(workspaceId, list.connectedAccountId, MicrosoftFeature.TODO);
      await this.walk(list, new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, list.connectedAccountId), watch.signal, run);
      await this.lists.markSynced(todoListId);
      await run.succeed();
      return 'synced';
    } catch (error) {
      if (watch.signal.aborted) {
        await run?.interrupt(INTERRUPTED_MESSAGE);
        return 'busy';
      }
      const failure = classifyGraphError(error);
      await run?.fail({ code: failure.graphCode ?? failure.kind, message: failure.message.slice(0, 500), action: syncRunAction(failure.kind, false), retryAt: null });
      this.logger.warn(`To Do sync of list ${todoListId} failed (${failure.kind}): ${failure.message.split('\n')[0]}`);
      await this.lists.markFailed(todoListId, failure.message);
      return 'failed';
    } finally {
      watch.stop();
      await this.leases.release(lease).catch(() => undefined);
    }
  }

  private async walk(list: TodoListRecord, graph: AccountGraphClient, signal: AbortSignal, run: SyncRunHandle): Promise<void> {
    let link = list.syncCursor;
    let restarted = false;
    for (;;) {
      signal.throwIfAborted();
      const requested = link ?? initialTodoDeltaLink(list.externalId);
      let page: DeltaPage;
      try {
        page = await graph.request((client) => client.api(requested).header('Prefer', `odata.maxpagesize=${TODO_PAGE_SIZE}`).get());
      } catch (error) {
        const failure = error instanceof MicrosoftGraphException ? error : null;
        if (failure?.kind === MicrosoftGraphErrorKind.SYNC_STATE_GONE && !restarted) {
          restarted = true;
          link = null;
          await this.lists.saveCursor(list.id, null);
          continue;
        }
        if (failure?.kind === MicrosoftGraphErrorKind.NOT_FOUND) {
          // The list was deleted in To Do, its tasks with it (or moved out before).
          const held: TodoLinkRecord[] = await this.dataSource.query(`SELECT * FROM "microsoftTodoLink" WHERE "todoListId" = $1 AND "todoTaskExternalId" IS NOT NULL`, [list.id]);
          const settled = await this.settleRemoved(graph, list, held);
          run.countDeleted(settled.unlinked);
          await run.countPage({ created: 0, updated: settled.followed });
          return;
        }
        throw error;
      }
      const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
      if (!next) throw new MicrosoftGraphException(MicrosoftGraphErrorKind.UNKNOWN, 'tasks delta page without nextLink or deltaLink', 200, null);
      const removed: TodoLinkRecord[] = [];
      const writes: TodoLinkRecord[] = [];
      const counts = { created: 0, updated: 0 };
      await this.dataSource.transaction(async (manager) => {
        const context = { manager, workspaceId: list.workspaceId, connectedAccountId: list.connectedAccountId, todoListId: list.id, tasks: this.records.tasks(), links: this.links };
        for (const task of page.value) {
          const result = await importTodoTask(context, task);
          if (result.outcome === 'removed' && result.link) removed.push(result.link);
          if (result.needsWrite && result.link) writes.push(result.link);
          // A task moved into this list from another is linked here anew.
          if (result.outcome === 'followed') counts.created += 1;
          if (result.outcome === 'updated') counts.updated += 1;
        }
        await this.lists.saveCursor(list.id, next, manager);
      });
      for (const write of writes) await this.outbound.enqueue(write.workspaceId, write.id);
      const settled = await this.settleRemoved(graph, list, removed);
      run.countDeleted(settled.unlinked);
      await run.countPage({ created: counts.created, updated: counts.updated + settled.followed });
      if (!page['@odata.nextLink']) return;
      link = next;
    }
  }

  private async settleRemoved(graph: AccountGraphClient, list: TodoListRecord, removed: TodoLinkRecord[]): Promise<SettledRemovals> {
    const settled: SettledRemovals = { followed: 0, unlinked: 0 };
    if (removed.length === 0) return settled;
    const moved = await findMovedTasks(graph, list.externalId, removed.map((each) => each.taskId));
    for (const link of removed) {
      const found = moved.get(link.taskId);
      // Disconnected meanwhile: nothing is linked anew (the purge removes what is there).
      if (found && !(await this.gate.isGranted(list.workspaceId, list.connectedAccountId, MicrosoftFeature.TODO))) return settled;
      if (found) {
        const target = await this.lists.ensure(list.workspaceId, list.connectedAccountId, found.list.id, found.list.displayName);
        await this.dataSource.transaction((manager) =>
          importTodoTask({ manager, workspaceId: list.workspaceId, connectedAccountId: list.connectedAccountId, todoListId: target.id, tasks: this.records.tasks(), links: this.links }, found.task),
        );
        await this.push.request(target);
        settled.followed += 1;
        continue;
      }
      // Deleted in To Do: the CRM task is unlinked and left as it is.
      const unlinked = await this.dataSource.transaction(async (manager) => {
        const locked = await this.links.lock(manager, link.id);
        if (!locked || locked.todoListId !== list.id || locked.todoTaskExternalId !== link.todoTaskExternalId) return false;
        await this.links.remove(manager, link.id);
        return true;
      });
      if (unlinked) settled.unlinked += 1;
    }
    return settled;
  }
}
