import type { CrmTaskStatus, SharedTaskFields } from '@m365/shared-types';
import { toInstant } from '../calendar/event-time.util.js';

export interface GraphDateTimeZone {
  dateTime: string;
  timeZone: string;
}

export interface GraphLinkedResource {
  id?: string;
  webUrl?: string | null;
  applicationName?: string | null;
  displayName?: string | null;
  externalId?: string | null;
}

export interface GraphTodoTask {
  id: string;
  '@odata.etag'?: string;
  '@removed'?: { reason: string };
  title?: string;
  body?: { content?: string; contentType?: string };
  status?: string;
  dueDateTime?: GraphDateTimeZone | null;
  lastModifiedDateTime?: string;
  linkedResources?: GraphLinkedResource[];
}

export const SHARED_TASK_FIELDS: Array<keyof SharedTaskFields> = ['title', 'body', 'dueAt', 'status'];

/** `W/"abc"` → `abc`: the task's changeKey (what echo detection compares). */
export function changeKeyOf(task: GraphTodoTask): string | null {
  const etag = task['@odata.etag'];
  if (!etag) return null;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

function statusFromTodo(status: string | undefined): CrmTaskStatus {
  if (status === 'completed') return 'DONE';
  if (status === 'inProgress' || status === 'waitingOnOthers' || status === 'deferred') return 'IN_PROGRESS';
  return 'TODO';
}

function statusToTodo(status: CrmTaskStatus): string {
  return status === 'DONE' ? 'completed' : status === 'IN_PROGRESS' ? 'inProgress' : 'notStarted';
}

/** To Do keeps due dates in the zone they were written in; the plugin writes UTC and reads UTC or an offset-less UTC wall time. */
/**
 * The instant of a due date as To Do gives it: a wall time in a Windows or IANA zone (another app may have set one),
 * read as the calendar reads events. A zone no table knows is read as UTC rather than dropping the date.
 */
function instantOf(value: GraphDateTimeZone | null | undefined): string | null {
  if (!value?.dateTime) return null;
  const dateTime = value.dateTime.replace(/Z$/i, '');
  try {
    return toInstant({ dateTime, timeZone: value.timeZone ?? 'UTC' }).toISOString();
  } catch {
    const parsed = new Date(`${dateTime}Z`);
    return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
  }
}

function textOf(body: GraphTodoTask['body']): string {
  const content = body?.content ?? '';
  if ((body?.contentType ?? 'text').toLowerCase() !== 'html') return content.trim();
  return content.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim();
}

export function toSharedTaskFields(task: GraphTodoTask): SharedTaskFields {
  return { title: (task.title ?? '').trim(), body: textOf(task.body), dueAt: instantOf(task.dueDateTime), status: statusFromTodo(task.status) };
}

/** The todoTask body that sets these fields. */
export function toGraphTaskPatch(fields: Partial<SharedTaskFields>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (fields.title !== undefined) body.title = fields.title;
  if (fields.body !== undefined) body.body = { content: fields.body, contentType: 'text' };
  if (fields.dueAt !== undefined) body.dueDateTime = fields.dueAt === null ? null : { dateTime: fields.dueAt.replace(/Z$/, ''), timeZone: 'UTC' };
  if (fields.status !== undefined) body.status = statusToTodo(fields.status);
  return body;
}

export function sameTaskValue(field: keyof SharedTaskFields, left: unknown, right: unknown): boolean {
  if (field === 'dueAt') {
    const a = left ? new Date(left as string).getTime() : null;
    const b = right ? new Date(right as string).getTime() : null;
    return a === b;
  }
  return (left ?? '') === (right ?? '');
}
