import type { AccountGraphClient } from '../graph/account-graph-client.js';
import type { GraphTodoTask } from './graph-todo-task.mapper.js';
import { linkedCrmTaskId } from './todo-task.importer.js';

export interface GraphTodoList {
  id: string;
  displayName: string;
  wellknownListName?: string;
}

interface Page<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

async function* pages<T>(graph: AccountGraphClient, first: string): AsyncGenerator<T[]> {
  let next: string | undefined = first;
  while (next) {
    const url: string = next;
    const page: Page<T> = await graph.request((client) => client.api(url).get());
    yield page.value;
    next = page['@odata.nextLink'];
  }
}

export async function listTodoLists(graph: AccountGraphClient): Promise<GraphTodoList[]> {
  const lists: GraphTodoList[] = [];
  for await (const page of pages<GraphTodoList>(graph, '/me/todo/lists')) lists.push(...page);
  return lists;
}

/**
 * Where tasks removed from one list went: To Do moves a task to another list as a delete and a create with a new id,
 * and the created task keeps its linked resources. Walks the account's other lists for tasks whose own linked
 * resource names one of these CRM task ids. Tasks not found were deleted in To Do.
 */
export async function findMovedTasks(graph: AccountGraphClient, fromListExternalId: string, crmTaskIds: string[]): Promise<Map<string, { list: GraphTodoList; task: GraphTodoTask }>> {
  const wanted = new Set(crmTaskIds);
  const found = new Map<string, { list: GraphTodoList; task: GraphTodoTask }>();
  for (const list of await listTodoLists(graph)) {
    if (list.id === fromListExternalId || found.size === wanted.size) continue;
    for await (const page of pages<GraphTodoTask>(graph, `/me/todo/lists/${encodeURIComponent(list.id)}/tasks?$expand=linkedResources&$top=100`)) {
      for (const task of page) {
        const crmTaskId = linkedCrmTaskId(task);
        if (crmTaskId && wanted.has(crmTaskId) && !found.has(crmTaskId)) found.set(crmTaskId, { list, task });
      }
    }
  }
  return found;
}
