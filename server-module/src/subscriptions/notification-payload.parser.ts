export interface ChangeNotificationItem {
  subscriptionId: string;
  clientState: string | null;
  /** The tenant Graph says the change comes from; null when the notification names none. */
  tenantId: string | null;
  /** What makes this notification one of a kind (resource, change and the item's etag); null when nothing does. */
  replayKey: string | null;
  changeType: 'created' | 'updated' | 'deleted';
  resource: string;
  resourceId: string | null;
}

export interface LifecycleNotificationItem {
  subscriptionId: string;
  clientState: string | null;
  tenantId: string | null;
  replayKey: string | null;
  lifecycleEvent: 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
}

export class NotificationPayloadError extends Error {}

const CHANGE_TYPES = new Set(['created', 'updated', 'deleted']);
const LIFECYCLE_EVENTS = new Set(['reauthorizationRequired', 'subscriptionRemoved', 'missed']);
const MAX_ITEMS = 1000;
const MAX_ID_LENGTH = 256;
// Graph caps clientState at 128 characters: https://learn.microsoft.com/graph/api/resources/subscription
const MAX_CLIENT_STATE_LENGTH = 128;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function items(body: unknown): Record<string, unknown>[] {
  if (!isRecord(body) || !Array.isArray(body.value)) throw new NotificationPayloadError('Expected a JSON object with a "value" array of notifications.');
  if (body.value.length === 0 || body.value.length > MAX_ITEMS) throw new NotificationPayloadError(`"value" must hold 1 to ${MAX_ITEMS} notifications.`);
  return body.value.map((item, index) => {
    if (!isRecord(item)) throw new NotificationPayloadError(`value[${index}] is not an object.`);
    if (typeof item.subscriptionId !== 'string' || item.subscriptionId.length === 0 || item.subscriptionId.length > MAX_ID_LENGTH) {
      throw new NotificationPayloadError(`value[${index}].subscriptionId is missing or invalid.`);
    }
    if (item.clientState !== undefined && item.clientState !== null && (typeof item.clientState !== 'string' || item.clientState.length > MAX_CLIENT_STATE_LENGTH)) {
      throw new NotificationPayloadError(`value[${index}].clientState is invalid.`);
    }
    if (item.tenantId !== undefined && item.tenantId !== null && (typeof item.tenantId !== 'string' || item.tenantId.length > MAX_ID_LENGTH)) {
      throw new NotificationPayloadError(`value[${index}].tenantId is invalid.`);
    }
    return item;
  });
}

/** Checks the shape Graph documents for change notifications; anything else is refused before any work is done. */
export function parseChangeNotifications(body: unknown): ChangeNotificationItem[] {
  return items(body).map((item, index) => {
    if (typeof item.changeType !== 'string' || !CHANGE_TYPES.has(item.changeType)) throw new NotificationPayloadError(`value[${index}].changeType is invalid.`);
    if (typeof item.resource !== 'string' || item.resource.length > 1024) throw new NotificationPayloadError(`value[${index}].resource is missing or invalid.`);
    const resourceData = isRecord(item.resourceData) ? item.resourceData : {};
    const etag = typeof resourceData['@odata.etag'] === 'string' ? resourceData['@odata.etag'] : null;
    return {
      subscriptionId: item.subscriptionId as string,
      clientState: (item.clientState as string | undefined) ?? null,
      tenantId: (item.tenantId as string | undefined) ?? null,
      // An etag changes with every change of the item, so the same one again is the same notification again; a
      // deletion happens once. Without either, two genuine notifications may look alike and none is held as a replay.
      replayKey: etag !== null || item.changeType === 'deleted' ? JSON.stringify([item.subscriptionId, item.changeType, item.resource, etag]) : null,
      changeType: item.changeType as ChangeNotificationItem['changeType'],
      resource: item.resource,
      resourceId: typeof resourceData.id === 'string' ? resourceData.id.slice(0, MAX_ID_LENGTH) : null,
    };
  });
}

export function parseLifecycleNotifications(body: unknown): LifecycleNotificationItem[] {
  return items(body).map((item, index) => {
    if (typeof item.lifecycleEvent !== 'string' || !LIFECYCLE_EVENTS.has(item.lifecycleEvent)) throw new NotificationPayloadError(`value[${index}].lifecycleEvent is invalid.`);
    const expiration = typeof item.subscriptionExpirationDateTime === 'string' ? item.subscriptionExpirationDateTime.slice(0, 64) : null;
    return {
      subscriptionId: item.subscriptionId as string,
      clientState: (item.clientState as string | undefined) ?? null,
      tenantId: (item.tenantId as string | undefined) ?? null,
      // Graph repeats reauthorizationRequired until the subscription is renewed, and a renewal moves its expiry.
      replayKey: expiration !== null ? JSON.stringify([item.subscriptionId, item.lifecycleEvent, expiration]) : null,
      lifecycleEvent: item.lifecycleEvent as LifecycleNotificationItem['lifecycleEvent'],
    };
  });
}
