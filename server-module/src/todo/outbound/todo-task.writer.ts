import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MicrosoftFeature, type CrmTaskSnapshot } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../../config/microsoft-plugin-config.token.js';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import { GraphClientFactory } from '../../graph/graph-client.factory.js';
import { AccountGraphClient } from '../../graph/account-graph-client.js';
import { classifyGraphError } from '../../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind as Kind } from '../../graph/microsoft-graph.exception.js';
import { MicrosoftTokenService } from '../../tokens/microsoft-token.service.js';
import { FeatureGate } from '../../accounts/feature-gate.js';
import { changeKeyOf, toGraphTaskPatch, toSharedTaskFields, type GraphTodoTask } from '../graph-todo-task.mapper.js';
import { reconcileTask } from '../todo-reconcile.rule.js';
import { TodoLinkRepository, type TodoLinkWithList } from '../todo-link.repository.js';
import { TODO_APPLICATION_NAME } from '../todo-sync.constants.js';

export const todoTaskPath = (listExternalId: string, taskExternalId: string) =>
  `/me/todo/lists/${encodeURIComponent(listExternalId)}/tasks/${encodeURIComponent(taskExternalId)}`;

/** What became of one write. */
export type TodoWriteOutcome = 'created' | 'updated' | 'unchanged' | 'deleted' | 'unlinked';

/**
 * Writes a synced CRM task to its To Do task: creates it (with a linked resource back to the CRM), brings a CRM
 * change to it under the reconcile rule, or deletes it. Each write runs in one transaction holding the CRM task's
 * row lock, then the link's (the order a member's edit takes them), so the import's page that brings the write back
 * sees the changeKey the write recorded and skips it as an echo.
 */
@Injectable()
export class TodoTaskWriter {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(TodoLinkRepository) private readonly links: TodoLinkRepository,
  ) {}

  graph(workspaceId: string, connectedAccountId: string): AccountGraphClient {
    return new AccountGraphClient(this.graphFactory, this.tokens, workspaceId, connectedAccountId);
  }

  /** Where the To Do task's link opens the CRM task. */
  taskUrl(taskId: string): string {
    return new URL(`/object/task/${taskId}`, this.config.frontUrl).toString();
  }

  /** Brings the link's To Do task in line with its CRM task (or deletes it, for a link being removed). */
  async write(linkId: string): Promise<TodoWriteOutcome> {
    const first = await this.links.findById(linkId);
    if (!first) return 'unlinked';
    await this.gate.assertGranted(first.workspaceId, first.connectedAccountId, MicrosoftFeature.TODO);
    const graph = this.graph(first.workspaceId, first.connectedAccountId);
    if (first.state === 'REMOVING') return this.remove(graph, first);
    return this.dataSource.transaction(async (manager) => {
      const task = await this.records.tasks().findTask(first.workspaceId, first.taskId, manager, { forUpdate: true });
      const locked = await this.links.lock(manager, linkId);
      if (!locked) return 'unlinked';
      const link = (await this.links.findById(linkId, manager))!;
      if (!task || link.state === 'REMOVING') {
        // Deleted in the CRM meanwhile: the delete's own write follows.
        return 'unchanged';
      }
      if (link.state === 'CREATING' || !link.todoTaskExternalId) return this.create(manager, graph, link, task);
      let current: GraphTodoTask;
      try {
        current = await graph.request((client) => client.api(todoTaskPath(link.listExternalId, link.todoTaskExternalId!)).get());
      } catch (error) {
        if (classifyGraphError(error).kind !== Kind.NOT_FOUND) throw error;
        // Gone from its list: moved (the import follows it) or deleted in To Do (the import unlinks the task).
        return 'unchanged';
      }
      const outcome = reconcileTask(link.syncedFields, task, toSharedTaskFields(current), link.crmEditedAt ? new Date(link.crmEditedAt) : null, current.lastModifiedDateTime ? new Date(current.lastModifiedDateTime) : null);
      let result = current;
      if (Object.keys(outcome.toTodo).length > 0) {
        result = await graph.request((client) => client.api(todoTaskPath(link.listExternalId, link.todoTaskExternalId!)).patch(toGraphTaskPatch(outcome.toTodo)));
      }
      if (Object.keys(outcome.toCrm).length > 0) await this.records.tasks().updateTask(link.workspaceId, link.taskId, outcome.toCrm, manager);
      await this.links.agree(manager, link.id, { changeKey: changeKeyOf(result), syncedFields: outcome.agreed });
      await this.links.clearPending(manager, link.id, link.outboundPendingAt);
      return Object.keys(outcome.toTodo).length > 0 ? 'updated' : 'unchanged';
    });
  }

  private async create(manager: EntityManager, graph: AccountGraphClient, link: TodoLinkWithList, task: CrmTaskSnapshot): Promise<TodoWriteOutcome> {
    const fields = { title: task.title, body: task.body, dueAt: task.dueAt, status: task.status };
    const created: GraphTodoTask = await graph.request((client) =>
      client.api(`/me/todo/lists/${encodeURIComponent(link.listExternalId)}/tasks`).post({
        ...toGraphTaskPatch(fields),
        linkedResources: [{ webUrl: this.taskUrl(task.taskId), applicationName: TODO_APPLICATION_NAME, displayName: task.title || 'CRM task', externalId: task.taskId }],
      }),
    );
    await this.links.linked(manager, link.id, { todoListId: link.todoListId, todoTaskExternalId: created.id, changeKey: changeKeyOf(created), syncedFields: { ...fields, ...toSharedTaskFields(created) } });
    await this.links.clearPending(manager, link.id, link.outboundPendingAt);
    return 'created';
  }

  /** The deletion rule: turning sync off or deleting the CRM task deletes the To Do task the sync created; one already gone is done. */
  private async remove(graph: AccountGraphClient, link: TodoLinkWithList): Promise<TodoWriteOutcome> {
    if (link.todoTaskExternalId) {
      try {
        await graph.request((client) => client.api(todoTaskPath(link.listExternalId, link.todoTaskExternalId!)).delete());
      } catch (error) {
        if (classifyGraphError(error).kind !== Kind.NOT_FOUND) throw error;
      }
    }
    await this.dataSource.transaction((manager) => this.links.remove(manager, link.id));
    return 'deleted';
  }
}
