import { Inject, Injectable } from '@nestjs/common';
import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { SubscriptionService } from '../subscriptions/subscription.service.js';
import { SubscriptionRepository } from '../subscriptions/subscription.repository.js';
import { SUBSCRIPTION_CREATE_JOB, type SubscriptionCreateJobData } from '../subscriptions/subscription.constants.js';
import { TODO_SUBSCRIPTION, todoTasksResource } from '../subscriptions/subscription-kinds.js';
import type { TodoListRecord } from './todo-list.repository.js';

/** Asks, in the background, for the subscription of a To Do list that now holds a synced task; stops that of one that no longer does. */
@Injectable()
export class TodoPushRequester {
  constructor(
    @Inject(HOST_JOB_SYSTEM) private readonly jobs: HostJobSystem,
    @Inject(SubscriptionService) private readonly subscriptionService: SubscriptionService,
    @Inject(SubscriptionRepository) private readonly subscriptions: SubscriptionRepository,
  ) {}

  async request(list: TodoListRecord): Promise<void> {
    if (this.subscriptionService.unavailableReason()) return;
    if (await this.subscriptions.findByChannel(list.id, TODO_SUBSCRIPTION.name)) return;
    const data: SubscriptionCreateJobData = { workspaceId: list.workspaceId, connectedAccountId: list.connectedAccountId, channelId: list.id, kind: 'todo', resource: todoTasksResource(list.externalId) };
    await this.jobs.add(SUBSCRIPTION_CREATE_JOB.queue, SUBSCRIPTION_CREATE_JOB.name, data, { jobId: `subscribe:${list.id}`, attempts: 5 });
  }

  /** Deletes the list's subscription at Graph (best effort) and its row. */
  async stop(todoListId: string): Promise<void> {
    const record = await this.subscriptions.findByChannel(todoListId, TODO_SUBSCRIPTION.name);
    if (!record) return;
    await this.subscriptionService.deleteAtGraph(record).catch(() => undefined);
    await this.subscriptions.deleteOne(record);
  }
}
