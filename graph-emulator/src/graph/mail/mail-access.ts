import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import type { UserRecord } from '../../store/emulator-records.js';
import { preferences, type GraphCall } from '../graph-call.js';
import { holdsAny } from '../route-permissions.js';
import type { MessageShapeOptions } from '../../mail/message-shape.js';

// Mail.ReadBasic reads messages except body, bodyPreview, uniqueBody, attachments, extensions and extended
// properties, and does not search (https://learn.microsoft.com/graph/permissions-reference#mailreadbasic).
const FULL_READ_SCOPES = ['Mail.Read', 'Mail.ReadWrite'];
const BASIC_WITHHELD_RELATIONSHIPS = ['attachments', 'extensions', 'singleValueExtendedProperties', 'multiValueExtendedProperties'];

export interface MailboxAccess {
  user: UserRecord;
  /** `/me` or `/users/{segment}`, as the request wrote it: links keep it. */
  basePath: string;
}

/**
 * Who the mail request is about, after the checks Graph makes once the route's permission passed
 * (ROUTE_PERMISSIONS): the user (404 ErrorInvalidUser; delegated tokens reach only the signed-in user's mailbox),
 * the mailbox's state (404 MailboxNotEnabledForRESTAPI, 403 ErrorAccountDisabled).
 */
export function mailboxAccess(context: EmulatorContext, call: GraphCall, userSegment: string): MailboxAccess {
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

/** Whether the token reads messages only as Mail.ReadBasic does (no Mail.Read or Mail.ReadWrite). */
export function basicMailRead(call: GraphCall): boolean {
  return !holdsAny(call.caller, FULL_READ_SCOPES);
}

/**
 * Mail.ReadBasic's limits on a message request, before its options are parsed: `$search`, and `$expand` of
 * attachments, extensions or extended properties, are 403 ErrorAccessDenied. (The withheld properties are left out
 * of the messages themselves.)
 */
export function checkBasicMailQuery(call: GraphCall): void {
  if (!basicMailRead(call)) return;
  for (const [key, value] of call.query) {
    const name = key.toLowerCase();
    if (name === '$search') throw graph.accessDenied();
    if (name !== '$expand') continue;
    const relationships = value.split(',').map((part) => /^\s*([A-Za-z_]\w*)/.exec(part)?.[1]?.toLowerCase());
    if (relationships.some((r) => r !== undefined && BASIC_WITHHELD_RELATIONSHIPS.some((w) => w.toLowerCase() === r))) throw graph.accessDenied();
  }
}

/** Ids and body type from `Prefer`, and the `Preference-Applied` values they give. */
export function shapePreferences(call: GraphCall): { options: Omit<MessageShapeOptions, 'select'>; applied: string[] } {
  const prefer = preferences(call);
  const immutableIds = prefer.get('idtype')?.toLowerCase() === 'immutableid';
  const text = prefer.get('outlook.body-content-type')?.toLowerCase() === 'text';
  const applied: string[] = [];
  if (immutableIds) applied.push('IdType="ImmutableId"');
  if (prefer.has('outlook.body-content-type')) applied.push(`outlook.body-content-type="${text ? 'text' : 'html'}"`);
  return { options: { immutableIds, bodyContentType: text ? 'text' : 'html', basic: basicMailRead(call) }, applied };
}

export function appliedHeader(applied: string[]): Record<string, string> {
  return applied.length > 0 ? { 'Preference-Applied': applied.join(', ') } : {};
}

export function metadata(call: GraphCall, user: UserRecord, rest: string): string {
  return `${call.origin}/v1.0/$metadata#users('${user.id}')/${rest}`;
}
