import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import type { UserRecord } from '../../store/emulator-records.js';
import { preferences, type GraphCall } from '../graph-call.js';
import type { MessageShapeOptions } from '../../mail/message-shape.js';

const READ_SCOPES = ['mail.read', 'mail.readwrite'];
const WRITE_SCOPES = ['mail.readwrite'];

export interface MailboxAccess {
  user: UserRecord;
  /** `/me` or `/users/{segment}`, as the request wrote it: links keep it. */
  basePath: string;
}

/**
 * Who the mail request is about, after the checks Graph makes: the mail scope (403 ErrorAccessDenied), the user
 * (404 ErrorInvalidUser; delegated tokens reach only the signed-in user's mailbox), the mailbox's state
 * (404 MailboxNotEnabledForRESTAPI, 403 ErrorAccountDisabled). `write`: the write scope, or the (lower-cased) scopes one of
 * which the request needs (`['mail.send']`).
 */
export function mailboxAccess(context: EmulatorContext, call: GraphCall, userSegment: string, write: boolean | readonly string[] = false): MailboxAccess {
  const held = new Set(call.caller.scopes.map((scope) => scope.toLowerCase()));
  const needed = Array.isArray(write) ? write : write ? WRITE_SCOPES : READ_SCOPES;
  if (!needed.some((scope) => held.has(scope))) throw graph.accessDenied();
  let user = call.caller.user;
  let basePath = '/me';
  if (userSegment) {
    const found = context.store.findUser(userSegment);
    if (!found) throw graph.invalidUser(userSegment);
    if (found.id !== call.caller.user.id) throw graph.accessDenied();
    user = found;
    basePath = `/users/${encodeURIComponent(userSegment)}`;
  }
  const status = context.store.mail.getMailboxStatus(user.id);
  if (status === 'MailboxNotEnabledForRESTAPI') throw graph.mailboxNotEnabled();
  if (status === 'ErrorAccountDisabled') throw graph.accountDisabled();
  return { user, basePath };
}

/** Ids and body type from `Prefer`, and the `Preference-Applied` values they give. */
export function shapePreferences(call: GraphCall): { options: Omit<MessageShapeOptions, 'select'>; applied: string[] } {
  const prefer = preferences(call);
  const immutableIds = prefer.get('idtype')?.toLowerCase() === 'immutableid';
  const text = prefer.get('outlook.body-content-type')?.toLowerCase() === 'text';
  const applied: string[] = [];
  if (immutableIds) applied.push('IdType="ImmutableId"');
  if (prefer.has('outlook.body-content-type')) applied.push(`outlook.body-content-type="${text ? 'text' : 'html'}"`);
  return { options: { immutableIds, bodyContentType: text ? 'text' : 'html' }, applied };
}

export function appliedHeader(applied: string[]): Record<string, string> {
  return applied.length > 0 ? { 'Preference-Applied': applied.join(', ') } : {};
}

export function metadata(call: GraphCall, user: UserRecord, rest: string): string {
  return `${call.origin}/v1.0/$metadata#users('${user.id}')/${rest}`;
}
