import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { messageJson, messageProperty, type MessageShapeOptions } from '../../mail/message-shape.js';
import { collectionBody, countResult, pageSize } from '../../odata/collection-response.js';
import { parseQuery, type OptionName, type ParsedQuery } from '../../odata/query-options.js';
import { runQuery, type QuerySource } from '../../odata/query-engine.js';
import { MESSAGE_RESOURCE } from '../../odata/resources/message-resource.js';
import type { SearchField } from '../../odata/search-kql.js';
import type { MessageView } from '../../store/mail/mail-store.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { appliedHeader, mailboxAccess, metadata, shapePreferences } from './mail-access.js';

const LIST_OPTIONS: OptionName[] = ['$select', '$filter', '$orderby', '$top', '$skip', '$count', '$search', '$expand', '$skiptoken'];
const COUNT_OPTIONS: OptionName[] = ['$filter', '$search'];

const addresses = (list: { name: string; address: string }[]) => list.map((entry) => `${entry.name} ${entry.address}`).join(' ');

function searchField(view: MessageView, field: SearchField): string {
  switch (field) {
    case 'subject': return view.subject;
    case 'body': return view.body('text').content;
    case 'from': return addresses([view.from]);
    case 'to': return addresses(view.toRecipients);
    case 'cc': return addresses(view.ccRecipients);
    case 'bcc': return addresses(view.bccRecipients);
    case 'attachment': return view.attachments().map((attachment) => attachment.name).join(' ');
  }
}

/** The messages of one folder (or, without `folderId`, of the whole mailbox) as the query engine reads them. */
function messageSource(context: EmulatorContext, userId: string, folderId: string | undefined, shape: Omit<MessageShapeOptions, 'select'>): QuerySource<MessageView> {
  const mail = context.store.mail;
  return {
    schema: MESSAGE_RESOURCE,
    all: () => mail.listMessages(userId, folderId),
    read: (view, name) => messageProperty(view, name, shape),
    searchField,
    ...(folderId !== undefined ? { page: (skip: number, top: number) => mail.listFolderMessages(userId, folderId, skip, top) } : {}),
  };
}

/** The folder a `/mailFolders/{id}/messages…` path names (404 when unknown); undefined for `/messages`. */
function folderOf(context: EmulatorContext, userId: string, folderSegment: string | undefined): string | undefined {
  if (folderSegment === undefined) return undefined;
  const folder = context.store.mail.getFolder(userId, folderSegment);
  if (!folder) throw graph.itemNotFound();
  return folder.id;
}

function list(context: EmulatorContext, call: GraphCall, userSegment: string, folderSegment?: string): GraphResult {
  const { user, basePath } = mailboxAccess(context, call, userSegment);
  const folderId = folderOf(context, user.id, folderSegment);
  const query: ParsedQuery = parseQuery(call.query, MESSAGE_RESOURCE, { allowed: LIST_OPTIONS });
  const size = pageSize(call, MESSAGE_RESOURCE, query);
  const { options, applied } = shapePreferences(call);
  if (size.applied) applied.unshift(size.applied);
  const page = runQuery(messageSource(context, user.id, folderId, options), query, size.size);
  const selectSuffix = query.select ? `(${query.select.join(',')})` : '';
  const linkPath = folderSegment === undefined ? `${basePath}/messages` : `${basePath}/mailFolders/${encodeURIComponent(folderSegment)}/messages`;
  const body = collectionBody(call, {
    context: metadata(call, user, `${folderId === undefined ? '' : `mailFolders('${folderId}')/`}messages${selectSuffix}`),
    linkPath,
    query,
    page,
    values: page.items.map((view) => messageJson(view, { ...options, select: query.select, expand: query.expand })),
    size: size.size,
  });
  return { status: 200, headers: appliedHeader(applied), body };
}

function count(context: EmulatorContext, call: GraphCall, userSegment: string, folderSegment?: string): GraphResult {
  const { user } = mailboxAccess(context, call, userSegment);
  const folderId = folderOf(context, user.id, folderSegment);
  const query = parseQuery(call.query, MESSAGE_RESOURCE, { allowed: COUNT_OPTIONS });
  const page = runQuery(messageSource(context, user.id, folderId, shapePreferences(call).options), query, 0);
  return countResult(page.total);
}

/** `GET /me/mailFolders/{folder}/messages`: every query option of the engine; newest first unless `$orderby`. */
export function listFolderMessages(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  return list(context, call, userSegment!, folderSegment!);
}

/** `GET /me/messages`: the messages of every folder of the mailbox. */
export function listMessages(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  return list(context, call, userSegment!);
}

/** `GET /me/mailFolders/{folder}/messages/$count` (with `$filter` or `$search`), text/plain. */
export function countFolderMessages(context: EmulatorContext, call: GraphCall, [userSegment, folderSegment]: string[]): GraphResult {
  return count(context, call, userSegment!, folderSegment!);
}

/** `GET /me/messages/$count`. */
export function countMessages(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  return count(context, call, userSegment!);
}
