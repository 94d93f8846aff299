import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { TodoListRecord } from '../../store/todo/todo-records.js';
import type { GraphCall } from '../graph-call.js';
import { mailboxAccess } from '../mail/mail-access.js';

/** Who the To Do request is about: the same user and mailbox checks as mail's (the route checked the scope). */
export function todoAccess(context: EmulatorContext, call: GraphCall, userSegment: string): { user: UserRecord; basePath: string } {
  return mailboxAccess(context, call, userSegment);
}

export function todoListOf(context: EmulatorContext, userId: string, id: string): TodoListRecord {
  const list = context.store.todo.getList(userId, id);
  if (!list) throw graph.itemNotFound();
  return list;
}

export function todoMetadata(call: GraphCall, user: UserRecord, rest: string): string {
  return `${call.origin}/v1.0/$metadata#users('${user.id}')/todo/${rest}`;
}

/** The path after `/me` or `/users/{id}`, for links that keep the client's form. */
export function pathUnderMailbox(call: GraphCall): string {
  return call.path.replace(/^\/(me|users\/[^/]+)/i, '');
}
