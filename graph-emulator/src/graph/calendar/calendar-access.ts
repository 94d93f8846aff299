import { GraphError, graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { CalendarRecord } from '../../store/calendar/calendar-records.js';
import { ianaZone } from '../../calendar/time-zones.js';
import type { EventShapeOptions } from '../../calendar/event-shape.js';
import { preferences, type GraphCall } from '../graph-call.js';
import { mailboxAccess } from '../mail/mail-access.js';

// https://learn.microsoft.com/graph/permissions-reference: ReadBasic reads events without their body.
const BASIC_SCOPES = ['calendars.readbasic', 'calendars.read', 'calendars.readwrite'];
const READ_SCOPES = ['calendars.read', 'calendars.readwrite'];
const WRITE_SCOPES = ['calendars.readwrite'];

export type CalendarNeed = 'basic' | 'read' | 'write';

export interface CalendarAccess {
  user: UserRecord;
  /** `/me` or `/users/{segment}`, as the request wrote it: links keep it. */
  basePath: string;
  /** The caller holds only Calendars.ReadBasic. */
  basic: boolean;
}

/**
 * Who the calendar request is about, after Graph's checks: the calendar scope (403 ErrorAccessDenied), the user
 * (404 ErrorInvalidUser; delegated tokens reach only the signed-in user's mailbox), the mailbox's state.
 * `basic` routes are those Microsoft lists Calendars.ReadBasic for (calendars, events, calendarView, delta).
 */
export function calendarAccess(context: EmulatorContext, call: GraphCall, userSegment: string, need: CalendarNeed): CalendarAccess {
  const held = new Set(call.caller.scopes.map((scope) => scope.toLowerCase()));
  const wanted = need === 'write' ? WRITE_SCOPES : need === 'read' ? READ_SCOPES : BASIC_SCOPES;
  if (!wanted.some((scope) => held.has(scope))) throw graph.accessDenied();
  // The same mailbox as mail's: the same user and mailbox-state checks.
  const { user, basePath } = mailboxAccess(context, call, userSegment);
  return { user, basePath, basic: !READ_SCOPES.some((scope) => held.has(scope)) };
}

/** `/calendar` (the default), `/calendars/{id}`, or nothing (the whole mailbox) in front of a path. */
export function calendarOf(context: EmulatorContext, userId: string, segment: string): CalendarRecord | undefined {
  if (!segment) return undefined;
  if (/^\/calendar$/i.test(segment)) return context.store.calendar.defaultCalendar(userId);
  const id = decodeURIComponent(segment.replace(/^\/calendars\//i, ''));
  const calendar = context.store.calendar.getCalendar(userId, id);
  if (!calendar) throw graph.itemNotFound();
  return calendar;
}

/** The response zone and body type from `Prefer`, and the `Preference-Applied` values they give. */
export function eventPreferences(call: GraphCall, basic: boolean): { options: Omit<EventShapeOptions, 'select'>; applied: string[] } {
  const prefer = preferences(call);
  const applied: string[] = [];
  let zone = { name: 'UTC', iana: 'UTC' };
  const asked = prefer.get('outlook.timezone');
  if (asked !== undefined) {
    const iana = ianaZone(asked);
    // A preference is a hint: a zone Outlook does not know is not applied, and the answer stays in UTC.
    if (iana) {
      zone = { name: asked, iana };
      applied.push(`outlook.timezone="${asked}"`);
    }
  }
  // Event ids here never change (events do not move between calendars), so immutable ids are what they already are.
  if (prefer.get('idtype')?.toLowerCase() === 'immutableid') applied.push('IdType="ImmutableId"');
  const bodyType = prefer.get('outlook.body-content-type')?.toLowerCase();
  const bodyContentType = bodyType === 'text' ? 'text' : bodyType === 'html' ? 'html' : undefined;
  if (bodyContentType) applied.push(`outlook.body-content-type="${bodyContentType}"`);
  return { options: { zone, bodyContentType, basic }, applied };
}

/** `startDateTime` / `endDateTime` of calendarView, instances and delta: ISO 8601, read as UTC without an offset. */
export function timeWindow(call: GraphCall): { from: number; until: number; startText: string; endText: string } {
  const get = (name: string) => [...call.query.entries()].find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const startText = get('startDateTime');
  const endText = get('endDateTime');
  if (!startText || !endText) {
    throw new GraphError(400, 'ErrorInvalidParameter', 'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.');
  }
  const read = (text: string, name: string) => {
    const value = /^\d{4}-\d\d-\d\d$/.test(text) ? `${text}T00:00:00Z` : /(Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) throw new GraphError(400, 'ErrorInvalidParameter', `The value '${text}' of parameter '${name}' is invalid.`);
    return ms;
  };
  const from = read(startText, 'StartDateTime');
  const until = read(endText, 'EndDateTime');
  if (until < from) throw new GraphError(400, 'ErrorInvalidParameter', 'The parameter EndDateTime must be later than StartDateTime.');
  return { from, until, startText, endText };
}

export function metadata(call: GraphCall, user: UserRecord, rest: string): string {
  return `${call.origin}/v1.0/$metadata#users('${user.id}')/${rest}`;
}

/** A calendar's canonical address, as Graph writes it in `@odata.id` (the user named as `{id}@{tenant}`). */
export function calendarOdataId(call: GraphCall, user: UserRecord, calendarId: string): string {
  return `${call.origin}/v1.0/users('${user.id}@${user.tenantId}')/calendars('${calendarId}')`;
}

export function appliedHeader(applied: string[]): Record<string, string> {
  return applied.length > 0 ? { 'Preference-Applied': applied.join(', ') } : {};
}
