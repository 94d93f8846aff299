import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectedAccountProvider, MicrosoftFeature, type WorkspaceMemberRef } from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { FeatureGate } from '../accounts/feature-gate.js';
import { TodoListRepository } from './todo-list.repository.js';
import { TodoLinkRepository, type TodoLinkWithList } from './todo-link.repository.js';
import { listTodoLists, type GraphTodoList } from './todo-moved-task.finder.js';
import { TodoTaskWriter } from './outbound/todo-task.writer.js';
import { TodoPushRequester } from './todo-push.requester.js';
import { TodoSyncJobs } from './todo-sync.jobs.js';
import { DEFAULT_LIST_WELLKNOWN_NAME } from './todo-sync.constants.js';

export class TodoSyncRefusal extends Error {
  constructor(message: string, readonly code: 'NOT_FOUND' | 'BAD_USER_INPUT' | 'FORBIDDEN') {
    super(message);
  }
}

/**
 * A member turns a CRM task's sync to Microsoft To Do on (into a list of one of their own accounts) or off. On: the
 * To Do task is made now, with a linked resource back to the CRM task; its list is watched from then on. Off: the To
 * Do task the sync created is deleted and the link goes; the CRM task stays as it is.
 */
@Injectable()
export class TodoTaskSyncService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(TodoListRepository) private readonly lists: TodoListRepository,
    @Inject(TodoLinkRepository) private readonly links: TodoLinkRepository,
    @Inject(TodoTaskWriter) private readonly writer: TodoTaskWriter,
    @Inject(TodoPushRequester) private readonly push: TodoPushRequester,
    @Inject(TodoSyncJobs) private readonly syncJobs: TodoSyncJobs,
  ) {}

  /** The member's own Microsoft account, with To Do granted. */
  async ownAccount(member: WorkspaceMemberRef, connectedAccountId: string): Promise<void> {
    const account = await this.records.connectedAccounts().findConnectedAccount(member.workspaceId, connectedAccountId);
    if (!account || account.accountOwnerId !== member.workspaceMemberId || account.provider !== ConnectedAccountProvider.MICROSOFT) {
      throw new TodoSyncRefusal('No such Microsoft account among yours.', 'NOT_FOUND');
    }
    const reason = await this.gate.deniedReason(member.workspaceId, connectedAccountId, MicrosoftFeature.TODO);
    if (reason) throw new TodoSyncRefusal(reason, 'FORBIDDEN');
  }

  async todoLists(member: WorkspaceMemberRef, connectedAccountId: string): Promise<GraphTodoList[]> {
    await this.ownAccount(member, connectedAccountId);
    return listTodoLists(this.writer.graph(member.workspaceId, connectedAccountId));
  }

  async sync(member: WorkspaceMemberRef, taskId: string, connectedAccountId: string, listExternalId: string | null): Promise<TodoLinkWithList> {
    await this.ownAccount(member, connectedAccountId);
    const task = await this.records.tasks().findTask(member.workspaceId, taskId);
    if (!task) throw new TodoSyncRefusal('No such task in this workspace.', 'NOT_FOUND');
    if (await this.links.findForTask(member.workspaceId, taskId)) throw new TodoSyncRefusal('The task is already synced to Microsoft To Do.', 'BAD_USER_INPUT');
    const lists = await listTodoLists(this.writer.graph(member.workspaceId, connectedAccountId));
    const chosen = listExternalId === null ? lists.find((list) => list.wellknownListName === DEFAULT_LIST_WELLKNOWN_NAME) : lists.find((list) => list.id === listExternalId);
    if (!chosen) throw new TodoSyncRefusal('No such To Do list in this account.', 'BAD_USER_INPUT');
    const list = await this.lists.ensure(member.workspaceId, connectedAccountId, chosen.id, chosen.displayName);
    let link;
    try {
      link = await this.dataSource.transaction((manager) =>
        this.links.insertCreating(manager, { workspaceId: member.workspaceId, connectedAccountId, workspaceMemberId: member.workspaceMemberId, taskId, todoListId: list.id }),
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new TodoSyncRefusal('The task is already synced to Microsoft To Do.', 'BAD_USER_INPUT');
      throw error;
    }
    try {
      await this.writer.write(link.id);
    } catch (error) {
      // Not made in To Do: nothing stays linked (a task made all the same is found again by its linked resource only while linked).
      await this.dataSource.transaction((manager) => this.links.remove(manager, link.id));
      throw error;
    }
    await this.push.request(list);
    // The list's cursor starts (or moves past this write, its echo) before notifications come.
    await this.syncJobs.enqueue(member.workspaceId, list.id, { retryWhenBusy: true });
    return (await this.links.findById(link.id))!;
  }

  async unsync(member: WorkspaceMemberRef, taskId: string): Promise<void> {
    const link = await this.links.findForTask(member.workspaceId, taskId);
    if (!link || link.workspaceMemberId !== member.workspaceMemberId) throw new TodoSyncRefusal("The task's To Do sync is not yours (or the task is not synced).", 'NOT_FOUND');
    await this.dataSource.transaction((manager) => this.links.markPending(manager, link.id, new Date(), true));
    // Graph unreachable now: the link stays marked for removal and the resume job deletes the To Do task later.
    await this.writer.write(link.id).catch(() => undefined);
  }
}
