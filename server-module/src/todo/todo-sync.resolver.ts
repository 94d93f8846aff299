import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { ConnectedAccountProvider, HOST_MEMBER_CONTEXT, MicrosoftFeature, SyncRunTrigger, type HostMemberContext, type WorkspaceMemberRef } from '@m365/shared-types';
import { requireMember, type GraphqlRequestContext } from '../graphql/current-member.resolver-util.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { FeatureGate } from '../accounts/feature-gate.js';
import { MicrosoftAccountService } from '../accounts/microsoft-account.service.js';
import { notFoundAsGraphqlError } from '../accounts/not-found-as-graphql-error.util.js';
import { isUuid } from '../common/uuid.util.js';
import { TodoLinkRepository } from './todo-link.repository.js';
import { TodoListRepository } from './todo-list.repository.js';
import { TodoSyncRefusal, TodoTaskSyncService } from './todo-task-sync.service.js';
import { TodoSyncJobs } from './todo-sync.jobs.js';
import { MicrosoftTodoListType, MicrosoftTodoSyncedListType, MicrosoftTodoTaskSyncType, TodoListSyncStatus } from './todo-sync.graphql.js';
import { DEFAULT_LIST_WELLKNOWN_NAME } from './todo-sync.constants.js';

/**
 * "Sync to Microsoft To Do" on a CRM task: the member's lists, a task's state, turning it on and off; and in Settings →
 * Accounts, the lists that hold synced tasks with how their sync goes, and Retry.
 */
@Resolver()
export class TodoSyncResolver {
  constructor(
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(TodoLinkRepository) private readonly links: TodoLinkRepository,
    @Inject(TodoListRepository) private readonly lists: TodoListRepository,
    @Inject(TodoTaskSyncService) private readonly sync: TodoTaskSyncService,
    @Inject(MicrosoftAccountService) private readonly accounts: MicrosoftAccountService,
    @Inject(TodoSyncJobs) private readonly syncJobs: TodoSyncJobs,
  ) {}

  @Query(() => [MicrosoftTodoSyncedListType], { description: 'The To Do lists of one of your Microsoft accounts that hold synced tasks, with how their sync goes' })
  async microsoftTodoSyncedLists(@Context() context: GraphqlRequestContext, @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string): Promise<MicrosoftTodoSyncedListType[]> {
    const member = await requireMember(this.members, context);
    const accountId = this.uuid(connectedAccountId, 'connectedAccountId');
    if (!(await this.accounts.usableAccounts(member)).some((account) => account.id === accountId)) {
      throw new GraphQLError('No such Microsoft account among yours.', { extensions: { code: 'NOT_FOUND' } });
    }
    const lists = await this.lists.listSyncedForAccount(member.workspaceId, accountId);
    return lists.map((list) => ({
      id: list.id, displayName: list.displayName, syncedTaskCount: list.syncedTaskCount, syncedAt: list.syncedAt, lastErrorMessage: list.lastErrorMessage,
      syncStatus: list.lastErrorMessage !== null ? TodoListSyncStatus.FAILED : list.syncedAt === null ? TodoListSyncStatus.NOT_SYNCED : TodoListSyncStatus.SYNCED,
    }));
  }

  @Mutation(() => Boolean, { description: 'Sync one of your To Do lists again now (its tasks delta from where it was)' })
  async retryMicrosoftTodoListSync(@Context() context: GraphqlRequestContext, @Args('todoListId', { type: () => ID }) todoListId: string): Promise<boolean> {
    const member = await requireMember(this.members, context);
    await notFoundAsGraphqlError(() => this.accounts.assertOwnsTodoList(member, todoListId));
    await this.syncJobs.enqueue(member.workspaceId, todoListId, { retryWhenBusy: true, trigger: SyncRunTrigger.MANUAL });
    return true;
  }

  @Query(() => [MicrosoftTodoListType], { description: 'The To Do lists of one of your Microsoft accounts' })
  async microsoftTodoLists(@Context() context: GraphqlRequestContext, @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string): Promise<MicrosoftTodoListType[]> {
    const member = await requireMember(this.members, context);
    const lists = await this.refusals(() => this.sync.todoLists(member, this.uuid(connectedAccountId, 'connectedAccountId')));
    return lists.map((list) => ({ id: list.id, displayName: list.displayName, isDefault: list.wellknownListName === DEFAULT_LIST_WELLKNOWN_NAME }));
  }

  @Query(() => MicrosoftTodoTaskSyncType)
  async microsoftTodoTaskSync(@Context() context: GraphqlRequestContext, @Args('taskId', { type: () => ID }) taskId: string): Promise<MicrosoftTodoTaskSyncType> {
    const member = await requireMember(this.members, context);
    return this.state(member, await this.liveTask(member, taskId));
  }

  @Mutation(() => MicrosoftTodoTaskSyncType, { description: 'Sync the task to a To Do list (the built-in "Tasks" when no list is given) of one of your accounts' })
  async syncMicrosoftTodoTask(
    @Context() context: GraphqlRequestContext,
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('connectedAccountId', { type: () => ID }) connectedAccountId: string,
    @Args('listId', { type: () => String, nullable: true }) given: string | null | undefined,
  ): Promise<MicrosoftTodoTaskSyncType> {
    const member = await requireMember(this.members, context);
    const id = await this.liveTask(member, taskId);
    const listId = given ?? null;
    if (listId !== null && (listId.length === 0 || listId.length > 1000)) throw new GraphQLError('listId must be a To Do list id.', { extensions: { code: 'BAD_USER_INPUT' } });
    await this.refusals(() => this.sync.sync(member, id, this.uuid(connectedAccountId, 'connectedAccountId'), listId));
    return this.state(member, id);
  }

  @Mutation(() => MicrosoftTodoTaskSyncType, { description: 'Stop syncing the task: the To Do task the sync created is deleted; the CRM task stays' })
  async unsyncMicrosoftTodoTask(@Context() context: GraphqlRequestContext, @Args('taskId', { type: () => ID }) taskId: string): Promise<MicrosoftTodoTaskSyncType> {
    const member = await requireMember(this.members, context);
    const id = await this.liveTask(member, taskId);
    await this.refusals(() => this.sync.unsync(member, id));
    return this.state(member, id);
  }

  private async state(member: WorkspaceMemberRef, taskId: string): Promise<MicrosoftTodoTaskSyncType> {
    const accounts = await this.records.connectedAccounts().listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const options = await Promise.all(accounts.map(async (account) => {
      const reason = await this.gate.deniedReason(member.workspaceId, account.id, MicrosoftFeature.TODO);
      return { connectedAccountId: account.id, handle: account.handle, granted: reason === null, reason };
    }));
    const link = await this.links.findForTask(member.workspaceId, taskId);
    const mine = link !== null && link.workspaceMemberId === member.workspaceMemberId;
    const list = mine ? await this.lists.find(member.workspaceId, link.todoListId) : null;
    return {
      taskId, synced: link !== null, syncedByAnotherMember: link !== null && !mine,
      connectedAccountId: mine ? link.connectedAccountId : null, listId: mine ? link.listExternalId : null, listName: mine ? link.listDisplayName : null,
      todoTaskId: mine ? link.todoTaskExternalId : null, state: mine ? link.state : null, pendingWrite: mine && link.outboundPendingAt !== null,
      lastError: mine ? link.lastError : null, listSyncedAt: list?.syncedAt ?? null, accounts: options,
    };
  }

  private async liveTask(member: WorkspaceMemberRef, taskId: string): Promise<string> {
    const id = this.uuid(taskId, 'taskId');
    if (!(await this.records.tasks().findTask(member.workspaceId, id))) throw new GraphQLError('No such task in this workspace.', { extensions: { code: 'NOT_FOUND' } });
    return id;
  }

  private uuid(value: string, name: string): string {
    if (!isUuid(value)) throw new GraphQLError(`${name} must be a UUID.`, { extensions: { code: 'BAD_USER_INPUT' } });
    return value;
  }

  private async refusals<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof TodoSyncRefusal) throw new GraphQLError(error.message, { extensions: { code: error.code } });
      throw error;
    }
  }
}
