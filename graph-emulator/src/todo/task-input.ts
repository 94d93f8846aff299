import { randomUUID } from 'node:crypto';
import { GraphError } from '../errors/error-factory.js';
import { odataErrors } from '../odata/odata-errors.js';
import { formatWall, parseWall, requireZone, wallToInstant } from '../calendar/time-zones.js';
import type { LinkedResourceRecord, TaskImportance, TaskStatus, TodoTaskContent, UtcDateTime } from '../store/todo/todo-records.js';

const STATUSES: TaskStatus[] = ['notStarted', 'inProgress', 'completed', 'waitingOnOthers', 'deferred'];
const IMPORTANCES: TaskImportance[] = ['low', 'normal', 'high'];
const DATES = ['dueDateTime', 'startDateTime', 'reminderDateTime', 'completedDateTime'] as const;
/** Set by the server: accepted in a body (a client may send back what it read) and left as they are. */
const READ_ONLY = ['id', 'createdDateTime', 'lastModifiedDateTime', 'bodyLastModifiedDateTime', 'hasAttachments'];
const LINK_MEMBERS = ['webUrl', 'applicationName', 'displayName', 'externalId'] as const;

export function emptyTask(): TodoTaskContent {
  return {
    title: '', body: { content: '', contentType: 'text' }, status: 'notStarted', importance: 'normal', isReminderOn: false,
    categories: [], dueDateTime: null, startDateTime: null, reminderDateTime: null, completedDateTime: null, recurrence: null,
    linkedResources: [],
  };
}

/** To Do's refusal of a body it cannot take: 400 invalidRequest, Outlook's reason in the inner error. */
export function invalidTaskRequest(reason: string): GraphError {
  return new GraphError(400, 'invalidRequest', 'Invalid request', {}, { code: 'ErrorInvalidRequest', message: reason });
}

const unknown = (name: string, type: string) =>
  new GraphError(400, 'RequestBodyRead', `The property '${name}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);

function zoned(name: string, value: unknown): UtcDateTime | null {
  if (value === null) return null;
  const given = value as { dateTime?: unknown; timeZone?: unknown } | undefined;
  if (typeof given !== 'object' || typeof given.dateTime !== 'string') throw invalidTaskRequest(`'${name}' must be a dateTimeTimeZone {dateTime, timeZone}.`);
  const wall = parseWall(given.dateTime.replace(/Z$/i, ''));
  if (wall === undefined) throw invalidTaskRequest(`'${given.dateTime}' is not a date and time.`);
  const instant = wallToInstant(wall, requireZone(given.timeZone ?? 'UTC'));
  // To Do keeps these in UTC and gives them back so, whatever zone they were written in.
  return { dateTime: formatWall(instant), timeZone: 'UTC' };
}

/** One linked resource from a body: `webUrl`, `applicationName`, `displayName`, `externalId` (all optional). */
export function readLinkedResource(value: unknown, base?: LinkedResourceRecord): LinkedResourceRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidTaskRequest('A linked resource must be an object.');
  const result: LinkedResourceRecord = base ? { ...base } : { id: randomUUID(), webUrl: null, applicationName: null, displayName: null, externalId: null };
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    if (name.startsWith('@odata.') || name === 'id') continue;
    if (!(LINK_MEMBERS as readonly string[]).includes(name)) throw unknown(name, 'linkedResource');
    if (item !== null && typeof item !== 'string') throw invalidTaskRequest(`The value of '${name}' must be a string.`);
    result[name as (typeof LINK_MEMBERS)[number]] = item as string | null;
  }
  return result;
}

/**
 * A task body (create, or the changed properties of an update) applied to `base`. Completing a task stamps
 * `completedDateTime` (now, unless given); leaving `completed` clears it. Linked resources come inline on create only.
 */
export function applyTaskInput(base: TodoTaskContent, body: unknown, creating: boolean, now = Date.now()): TodoTaskContent {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new GraphError(400, 'BadRequest', 'The request body must be a JSON object.');
  const next = structuredClone(base);
  const given = body as Record<string, unknown>;
  for (const [name, value] of Object.entries(given)) {
    if (name.startsWith('@odata.') || READ_ONLY.includes(name)) continue;
    switch (name) {
      case 'title':
        if (typeof value !== 'string') throw invalidTaskRequest("'title' must be a string.");
        next.title = value;
        break;
      case 'body': {
        const item = value as { content?: unknown; contentType?: unknown } | null;
        if (item === null) {
          next.body = { content: '', contentType: 'text' };
          break;
        }
        const type = typeof item?.contentType === 'string' ? item.contentType.toLowerCase() : 'text';
        if (typeof item !== 'object' || (item.content !== undefined && typeof item.content !== 'string') || (type !== 'text' && type !== 'html')) {
          throw invalidTaskRequest("'body' must be an itemBody {content, contentType: text | html}.");
        }
        next.body = { content: (item.content as string | undefined) ?? '', contentType: type };
        break;
      }
      case 'status':
        if (!STATUSES.includes(value as TaskStatus)) throw invalidTaskRequest(`'${String(value)}' is not a task status (${STATUSES.join(', ')}).`);
        next.status = value as TaskStatus;
        break;
      case 'importance':
        if (!IMPORTANCES.includes(value as TaskImportance)) throw invalidTaskRequest(`'${String(value)}' is not an importance (low, normal, high).`);
        next.importance = value as TaskImportance;
        break;
      case 'isReminderOn':
        if (typeof value !== 'boolean') throw invalidTaskRequest("'isReminderOn' must be a boolean.");
        next.isReminderOn = value;
        break;
      case 'categories':
        if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw invalidTaskRequest("'categories' must be an array of strings.");
        next.categories = [...(value as string[])];
        break;
      case 'recurrence':
        if (value !== null) throw odataErrors.notImplemented('recurring To Do tasks');
        next.recurrence = null;
        break;
      case 'linkedResources':
        if (!creating) throw invalidTaskRequest('Linked resources are changed under /tasks/{id}/linkedResources.');
        if (!Array.isArray(value)) throw invalidTaskRequest("'linkedResources' must be an array.");
        next.linkedResources = value.map((item) => readLinkedResource(item));
        break;
      default:
        if ((DATES as readonly string[]).includes(name)) next[name as (typeof DATES)[number]] = zoned(name, value);
        else throw unknown(name, 'todoTask');
    }
  }
  if (next.status === 'completed' && base.status !== 'completed' && !('completedDateTime' in given)) {
    next.completedDateTime = { dateTime: formatWall(now), timeZone: 'UTC' };
  }
  if (next.status !== 'completed') next.completedDateTime = null;
  return next;
}
