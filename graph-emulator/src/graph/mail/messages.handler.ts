import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { messageJson } from '../../mail/message-shape.js';
import { parseQuery } from '../../odata/query-options.js';
import { MESSAGE_RESOURCE } from '../../odata/resources/message-resource.js';
import type { MessageView } from '../../store/mail/mail-store.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { appliedHeader, mailboxAccess, metadata, shapePreferences } from './mail-access.js';

function requireMessage(context: EmulatorContext, userId: string, id: string): MessageView {
  const message = context.store.mail.getMessage(userId, id);
  if (!message) throw graph.itemNotFound();
  return message;
}

function selectSuffix(select: string[] | undefined): string {
  return select ? `(${select.join(',')})` : '';
}

/** `GET /me/messages/{id}` and `GET /me/mailFolders/{folder}/messages/{id}` (`$select`, `$expand`, `Prefer` ids and body type). */
export function getMessage(context: EmulatorContext, call: GraphCall, [userSegment, ...rest]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!);
  const id = rest[rest.length - 1]!;
  const { select, expand } = parseQuery(call.query, MESSAGE_RESOURCE, { allowed: ['$select', '$expand'] });
  const { options, applied } = shapePreferences(call);
  const message = requireMessage(context, user.id, id);
  if (rest.length === 2) {
    const folder = context.store.mail.getFolder(user.id, rest[0]!);
    if (!folder || folder.id !== message.parentFolderId) throw graph.itemNotFound();
  }
  return {
    status: 200,
    headers: appliedHeader(applied),
    body: { '@odata.context': metadata(call, user, `messages${selectSuffix(select)}/$entity`), ...messageJson(message, { ...options, select, expand }) },
  };
}

/**
 * `POST /me/messages/{id}/move` `{destinationId}` (folder id or well-known name) → 201 with the moved message.
 * Its regular id changes; with `Prefer: IdType="ImmutableId"` the id the caller sees stays the same.
 */
export function moveMessage(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!, true);
  const destinationId = (call.body as { destinationId?: unknown } | undefined)?.destinationId;
  if (typeof destinationId !== 'string' || destinationId === '') throw graph.invalidRequest("The 'destinationId' parameter is required.");
  requireMessage(context, user.id, id!);
  const destination = context.store.mail.getFolder(user.id, destinationId);
  if (!destination || destination.wellKnownName === 'msgfolderroot') throw graph.itemNotFound();
  const moved = context.store.mail.moveMessage(user.id, id!, destination.id);
  const { options, applied } = shapePreferences(call);
  return {
    status: 201,
    headers: appliedHeader(applied),
    body: { '@odata.context': metadata(call, user, 'messages/$entity'), ...messageJson(moved, options) },
  };
}

/** `DELETE /me/messages/{id}` → 204; the message leaves every folder view (Graph's delete is not a move to Deleted Items). */
export function deleteMessage(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment!, true);
  requireMessage(context, user.id, id!);
  context.store.mail.deleteMessage(user.id, id!, { permanent: true });
  return { status: 204 };
}
