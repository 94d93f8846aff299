import { randomUUID } from 'node:crypto';
import { graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import {
  MIN_LIFETIME_MINUTES,
  RESOURCE_SCOPES,
  parseSubscriptionResource,
} from '../../notifications/subscription-resource.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { refuseQueryOptions } from '../../odata/query-options.js';
import { notificationUrlProblem } from '../../notifications/webhook-client.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { SubscriptionChangeType, SubscriptionRecord, SubscriptionResourceKind } from '../../store/subscription-records.js';
import type { GraphCaller } from '../graph-auth.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { formatGraphDateTime, parseGraphDateTime, subscriptionExpirationText, type GraphDateTime } from '../graph-date-time.js';

const CHANGE_TYPES: readonly SubscriptionChangeType[] = ['created', 'updated', 'deleted'];
const TLS_VERSIONS = ['v1_0', 'v1_1', 'v1_2', 'v1_3'];
const MAX_CLIENT_STATE = 128;
const PATCHABLE = new Set(['expirationDateTime', 'notificationUrl', '@odata.type']);

type Body = Record<string, unknown>;

function objectBody(call: GraphCall): Body {
  const body = call.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw graph.invalidRequest('The request body must be a JSON object.');
  return body as Body;
}

/** The subscription as Graph returns it. */
export function subscriptionJson(record: SubscriptionRecord): Record<string, unknown> {
  return {
    id: record.id,
    resource: record.resource,
    applicationId: record.applicationId,
    changeType: record.changeTypes.join(','),
    clientState: record.clientState,
    notificationUrl: record.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: record.lifecycleNotificationUrl,
    expirationDateTime: subscriptionExpirationText(record),
    creatorId: record.creatorId,
    includeResourceData: false,
    latestSupportedTlsVersion: record.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
    notificationContentType: 'application/json',
  };
}

function hasScope(caller: GraphCaller, kind: SubscriptionResourceKind): boolean {
  const held = new Set(caller.scopes.map((scope) => scope.toLowerCase()));
  return RESOURCE_SCOPES[kind].some((scope) => held.has(scope.toLowerCase()));
}

/** When the caller's access token expires, on the emulator clock (its remaining lifetime from the emulator's now). */
function tokenExpiry(caller: GraphCaller, now: number): number {
  const remaining = typeof caller.claims.exp === 'number' ? caller.claims.exp * 1000 - Date.now() : 3600_000;
  return now + remaining;
}

function parseChangeType(value: unknown): SubscriptionChangeType[] {
  if (typeof value !== 'string' || value.trim() === '') throw graph.subscriptionInvalid('changeType is a required property for subscription creation.');
  const types: SubscriptionChangeType[] = [];
  for (const part of value.split(',').map((item) => item.trim())) {
    const type = CHANGE_TYPES.find((known) => known === part.toLowerCase());
    if (!type) throw graph.subscriptionInvalid(`'${part}' is not a valid changeType: use created, updated or deleted, comma-separated.`);
    if (!types.includes(type)) types.push(type);
  }
  return types;
}

/**
 * The expiration Graph would store: in the future, at most the resource's maximum lifetime away (400 otherwise),
 * raised to 45 minutes when shorter. Measured on the emulator clock. Kept as the client wrote it (in UTC).
 */
function checkedExpiration(context: EmulatorContext, value: unknown, kind: SubscriptionResourceKind, now: number): GraphDateTime {
  if (value === undefined || value === null || value === '') throw graph.subscriptionExpirationMissing();
  const expiration = typeof value === 'string' ? parseGraphDateTime(value) : undefined;
  if (!expiration) throw graph.subscriptionInvalid('expirationDateTime must be an ISO 8601 date and time with its offset, like 2026-12-01T19:00:00Z.');
  if (expiration.ms <= now) throw graph.subscriptionExpirationInPast();
  const settings = context.store.subscriptions.getSettings();
  const maxMinutes = kind === 'todoTasks' ? settings.todoMaxLifetimeMinutes : settings.outlookMaxLifetimeMinutes;
  if (expiration.ms > now + maxMinutes * 60_000) throw graph.subscriptionExpirationTooLong(maxMinutes);
  const earliest = now + MIN_LIFETIME_MINUTES * 60_000;
  return expiration.ms >= earliest ? expiration : { ms: earliest, text: formatGraphDateTime(earliest) };
}

function checkUrl(context: EmulatorContext, value: unknown, property: string): string {
  const problem = notificationUrlProblem(value, property, context.store.subscriptions.getSettings().allowLoopbackHttpNotificationUrls);
  if (problem) throw graph.subscriptionInvalid(problem.message);
  return value as string;
}

function resourceOwner(context: EmulatorContext, caller: GraphCaller, userSegment: string | null): UserRecord {
  if (userSegment === null) return caller.user;
  const user = context.store.findUser(userSegment);
  if (!user) throw graph.invalidUser(userSegment);
  // Delegated tokens reach only the signed-in user's mailbox.
  if (user.id !== caller.user.id) throw graph.subscriptionAccessDenied('Create');
  return user;
}

/** The caller's own subscription (same app, same signed-in user), or 404; an expired one is gone. */
function ownSubscription(context: EmulatorContext, call: GraphCall, id: string): SubscriptionRecord {
  const subscriptions = context.store.subscriptions;
  const record = subscriptions.get(id);
  if (!record || record.applicationId !== call.caller.claims.appid.toLowerCase() || record.creatorId !== call.caller.user.id) {
    throw graph.subscriptionNotFound();
  }
  if (record.expirationDateTime <= subscriptions.now()) {
    subscriptions.remove(record.id);
    throw graph.subscriptionNotFound();
  }
  return record;
}

function entity(call: GraphCall, record: SubscriptionRecord, status: number): GraphResult {
  return { status, body: { '@odata.context': `${call.origin}/v1.0/$metadata#subscriptions/$entity`, ...subscriptionJson(record) } };
}

/** `POST /subscriptions`: validates, runs the validation handshake on both URLs, → 201 with the subscription. */
export async function createSubscription(context: EmulatorContext, call: GraphCall): Promise<GraphResult> {
  const body = objectBody(call);
  const subscriptions = context.store.subscriptions;
  const changeTypes = parseChangeType(body.changeType);
  const notificationUrl = checkUrl(context, body.notificationUrl, 'notificationUrl');
  const lifecycleNotificationUrl =
    body.lifecycleNotificationUrl === undefined || body.lifecycleNotificationUrl === null
      ? null
      : checkUrl(context, body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
  if (typeof body.resource !== 'string' || body.resource.trim() === '') {
    throw graph.subscriptionInvalid('resource is a required property for subscription creation.');
  }
  const resource = parseSubscriptionResource(body.resource);
  if (!resource) {
    throw graph.subscriptionInvalid(
      `The resource '${body.resource}' is not supported: the emulator takes /me/messages, /me/mailFolders('{id}')/messages, /me/events, /me/contacts, /me/contactFolders('{id}')/contacts, /me/todo/lists/{id}/tasks (or /users/{id}/…).`,
    );
  }
  if (body.includeResourceData === true) {
    throw graph.subscriptionInvalid('includeResourceData is not supported by the emulator: create a basic subscription (includeResourceData false).');
  }
  if (body.includeResourceData !== undefined && body.includeResourceData !== null && typeof body.includeResourceData !== 'boolean') {
    throw graph.subscriptionInvalid('includeResourceData must be a boolean.');
  }
  let clientState: string | null = null;
  if (body.clientState !== undefined && body.clientState !== null) {
    if (typeof body.clientState !== 'string') throw graph.subscriptionInvalid('clientState must be a string.');
    if (body.clientState.length > MAX_CLIENT_STATE) {
      throw graph.subscriptionInvalid(`clientState must be at most ${MAX_CLIENT_STATE} characters long.`);
    }
    clientState = body.clientState;
  }
  const tls = body.latestSupportedTlsVersion ?? 'v1_2';
  if (typeof tls !== 'string' || !TLS_VERSIONS.includes(tls)) {
    throw graph.subscriptionInvalid(`latestSupportedTlsVersion must be one of ${TLS_VERSIONS.join(', ')}.`);
  }

  const caller = call.caller;
  if (!hasScope(caller, resource.kind)) throw graph.subscriptionAccessDenied('Create');
  const owner = resourceOwner(context, caller, resource.userSegment);
  let folderId: string | null = null;
  if (resource.kind === 'messages') {
    const status = context.store.mail.getMailboxStatus(owner.id);
    if (status === 'MailboxNotEnabledForRESTAPI') throw graph.mailboxNotEnabled();
    if (status === 'ErrorAccountDisabled') throw graph.accountDisabled();
    if (resource.folderSegment !== null) {
      const folder = context.store.mail.getFolder(owner.id, resource.folderSegment);
      if (!folder || folder.wellKnownName === 'msgfolderroot') throw graph.itemNotFound();
      folderId = folder.id;
    }
  }
  if (resource.kind === 'todoTasks') {
    const list = context.store.todo.getList(owner.id, resource.folderSegment!);
    if (!list) throw graph.itemNotFound();
    folderId = list.id;
  }
  if (resource.kind === 'contacts' && resource.folderSegment !== null) {
    const folder = context.store.contacts.getFolder(owner.id, resource.folderSegment);
    if (!folder) throw graph.itemNotFound();
    folderId = folder.id;
  }
  const now = subscriptions.now();
  const expiration = checkedExpiration(context, body.expirationDateTime, resource.kind, now);
  if (subscriptions.countForMailbox(owner.id) >= subscriptions.getSettings().maxSubscriptionsPerMailbox) {
    throw graph.subscriptionLimitReached();
  }

  await context.notifications.validateEndpoint(notificationUrl);
  if (lifecycleNotificationUrl !== null) await context.notifications.validateEndpoint(lifecycleNotificationUrl);

  const record = subscriptions.add({
    id: randomUUID(),
    resource: body.resource,
    kind: resource.kind,
    folderId,
    userId: owner.id,
    tenantId: owner.tenantId,
    applicationId: caller.claims.appid.toLowerCase(),
    creatorId: caller.user.id,
    changeTypes,
    clientState,
    notificationUrl,
    lifecycleNotificationUrl,
    expirationDateTime: expiration.ms,
    expirationText: expiration.text,
    latestSupportedTlsVersion: tls,
    createdAt: subscriptions.now(),
    tokenExpiresAt: tokenExpiry(caller, now),
    reauthorizationRequestedAt: null,
    reauthorizationSentForTokenExpiry: null,
    pauseAt: null,
  });
  return entity(call, record, 201);
}

/**
 * `GET /subscriptions`: the caller's active subscriptions (this app, this user), their clientState withheld as Graph
 * withholds it in lists (https://learn.microsoft.com/graph/api/subscription-list).
 */
export function listSubscriptions(context: EmulatorContext, call: GraphCall): GraphResult {
  // "This method does not support the OData query parameters" (https://learn.microsoft.com/graph/api/subscription-list).
  refuseQueryOptions(call.query);
  const subscriptions = context.store.subscriptions;
  const now = subscriptions.now();
  const value = subscriptions
    .list({ applicationId: call.caller.claims.appid, creatorId: call.caller.user.id })
    .filter((record) => record.expirationDateTime > now)
    .sort((a, b) => a.createdAt - b.createdAt)
    .map((record) => ({ ...subscriptionJson(record), clientState: null }));
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#subscriptions`, value } };
}

/** `GET /subscriptions/{id}` */
export function getSubscription(context: EmulatorContext, call: GraphCall, [id]: string[]): GraphResult {
  refuseQueryOptions(call.query, (name) => odataErrors.notImplemented(`the ${name} query option on GET /subscriptions/{id}`));
  return entity(call, ownSubscription(context, call, id!), 200);
}

/**
 * `PATCH /subscriptions/{id}` `{expirationDateTime?, notificationUrl?}` → 200: renews (same bounds as creation,
 * from now) and/or moves delivery to a new URL (validated first). Also records the caller's token, so a pending
 * reauthorization is answered.
 */
export async function updateSubscription(context: EmulatorContext, call: GraphCall, [id]: string[]): Promise<GraphResult> {
  const body = objectBody(call);
  const record = ownSubscription(context, call, id!);
  if (!hasScope(call.caller, record.kind)) throw graph.subscriptionAccessDenied('Update');
  if ('lifecycleNotificationUrl' in body) throw graph.subscriptionInvalid('lifecycleNotificationUrl can only be set when the subscription is created.');
  const unknown = Object.keys(body).find((key) => !PATCHABLE.has(key));
  if (unknown) throw graph.subscriptionInvalid(`The property '${unknown}' cannot be updated: only expirationDateTime and notificationUrl can.`);
  if (body.expirationDateTime === undefined && body.notificationUrl === undefined) {
    throw graph.subscriptionInvalid('Give expirationDateTime and/or notificationUrl to update.');
  }
  const subscriptions = context.store.subscriptions;
  const now = subscriptions.now();
  const expiration = body.expirationDateTime !== undefined
    ? checkedExpiration(context, body.expirationDateTime, record.kind, now)
    : { ms: record.expirationDateTime, text: subscriptionExpirationText(record) };
  const notificationUrl = body.notificationUrl !== undefined ? checkUrl(context, body.notificationUrl, 'notificationUrl') : record.notificationUrl;
  if (notificationUrl !== record.notificationUrl) await context.notifications.validateEndpoint(notificationUrl);
  const updated = subscriptions.update(record.id, {
    expirationDateTime: expiration.ms,
    expirationText: expiration.text,
    notificationUrl,
    tokenExpiresAt: tokenExpiry(call.caller, now),
    reauthorizationRequestedAt: null,
    pauseAt: null,
  });
  if (!updated) throw graph.subscriptionNotFound();
  return entity(call, updated, 200);
}

/** `DELETE /subscriptions/{id}` → 204 */
export function deleteSubscription(context: EmulatorContext, call: GraphCall, [id]: string[]): GraphResult {
  const record = ownSubscription(context, call, id!);
  if (!hasScope(call.caller, record.kind)) throw graph.subscriptionAccessDenied('Delete');
  context.store.subscriptions.remove(record.id);
  return { status: 204 };
}

/** `POST /subscriptions/{id}/reauthorize` → 204: takes the caller's (fresh) token; does not extend the expiration. */
export function reauthorizeSubscription(context: EmulatorContext, call: GraphCall, [id]: string[]): GraphResult {
  const record = ownSubscription(context, call, id!);
  if (!hasScope(call.caller, record.kind)) throw graph.subscriptionAccessDenied('Reauthorize');
  const subscriptions = context.store.subscriptions;
  subscriptions.update(record.id, {
    tokenExpiresAt: tokenExpiry(call.caller, subscriptions.now()),
    reauthorizationRequestedAt: null,
    pauseAt: null,
  });
  return { status: 204 };
}
