import type { CalendarRecord } from '../store/calendar/calendar-records.js';
import type { EventInstance } from './event-instances.js';
import { formatWall, instantToWall, parseWall, requireZone } from './time-zones.js';

/** The event properties Graph v1.0 returns by default, in the order its examples show. */
export const DEFAULT_EVENT_PROPERTIES = [
  'createdDateTime', 'lastModifiedDateTime', 'changeKey', 'categories', 'transactionId', 'originalStartTimeZone',
  'originalEndTimeZone', 'iCalUId', 'reminderMinutesBeforeStart', 'isReminderOn', 'hasAttachments', 'subject',
  'bodyPreview', 'importance', 'sensitivity', 'isAllDay', 'isCancelled', 'isOrganizer', 'responseRequested',
  'seriesMasterId', 'showAs', 'type', 'webLink', 'onlineMeetingUrl', 'isOnlineMeeting', 'onlineMeetingProvider',
  'allowNewTimeProposals', 'isDraft', 'hideAttendees', 'originalStart', 'responseStatus', 'body', 'start', 'end',
  'location', 'locations', 'recurrence', 'attendees', 'organizer', 'onlineMeeting',
] as const;

export interface EventShapeOptions {
  /** The zone responses are written in: `Prefer: outlook.timezone`, else UTC. `name` is as the client wrote it. */
  zone: { name: string; iana: string };
  bodyContentType: 'html' | 'text' | undefined;
  /** Calendars.ReadBasic: no body. */
  basic: boolean;
  select?: string[];
}

export const UTC_SHAPE: EventShapeOptions = { zone: { name: 'UTC', iana: 'UTC' }, bodyContentType: undefined, basic: false };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function htmlToText(html: string): string {
  return html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '').replace(/<br\s*\/?>/gi, '\n').replace(/<\/p>/gi, '\n').replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').trim();
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function body(instance: EventInstance, type: 'html' | 'text' | undefined) {
  const { contentType, content } = instance.content.body;
  const wanted = type ?? 'html';
  if (wanted === contentType) return { contentType, content };
  if (wanted === 'text') return { contentType: 'text', content: htmlToText(content) };
  return { contentType: 'html', content: `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>${escapeHtml(content).replace(/\n/g, '<br>')}</body></html>` };
}

/**
 * A time as the response zone shows it. All-day events are floating: their wall-clock midnight is written as it is,
 * labelled with the response zone, so the dates stay whatever zone the client reads them in.
 */
function dateTimeIn(instance: EventInstance, which: 'start' | 'end', options: EventShapeOptions) {
  const value = instance.content[which];
  if (instance.content.isAllDay) return { dateTime: formatWall(parseWall(value.dateTime)!), timeZone: options.zone.name };
  const ms = which === 'start' ? instance.startMs : instance.endMs;
  return { dateTime: formatWall(instantToWall(ms, options.zone.iana)), timeZone: options.zone.name };
}

/** One property of the instance as Graph writes it (what `$filter` and `$orderby` read). */
export function eventProperty(instance: EventInstance, name: string, options: EventShapeOptions): unknown {
  const c = instance.content;
  const r = instance.record;
  switch (name) {
    case 'id': return instance.id;
    case 'createdDateTime': return iso(instance.createdDateTime);
    case 'lastModifiedDateTime': return iso(instance.lastModifiedDateTime);
    case 'changeKey': return instance.changeKey;
    case 'categories': return c.categories;
    case 'transactionId': return r.transactionId;
    case 'originalStartTimeZone': return r.originalStartTimeZone;
    case 'originalEndTimeZone': return r.originalEndTimeZone;
    case 'iCalUId': return instance.iCalUId;
    case 'reminderMinutesBeforeStart': return c.reminderMinutesBeforeStart;
    case 'isReminderOn': return c.isReminderOn;
    case 'hasAttachments': return false;
    case 'subject': return c.subject;
    case 'bodyPreview': return options.basic ? undefined : htmlToText(c.body.content).slice(0, 255);
    case 'importance': return c.importance;
    case 'sensitivity': return c.sensitivity;
    case 'isAllDay': return c.isAllDay;
    case 'isCancelled': return c.isCancelled;
    case 'isOrganizer': return r.isOrganizer;
    case 'responseRequested': return r.responseRequested;
    case 'seriesMasterId': return instance.type === 'occurrence' || instance.type === 'exception' ? r.id : null;
    case 'showAs': return c.showAs;
    case 'type': return instance.type;
    case 'webLink': return `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(instance.id)}&exvsurl=1&path=/calendar/item`;
    case 'onlineMeetingUrl': return null;
    case 'isOnlineMeeting': return r.isOnlineMeeting;
    case 'onlineMeetingProvider': return r.onlineMeetingProvider;
    case 'allowNewTimeProposals': return r.allowNewTimeProposals;
    case 'isDraft': return r.isDraft;
    case 'hideAttendees': return r.hideAttendees;
    case 'originalStart': return instance.originalStart === null ? null : iso(instance.originalStart);
    case 'responseStatus': return c.responseStatus;
    case 'body': return options.basic ? undefined : body(instance, options.bodyContentType);
    case 'start': return dateTimeIn(instance, 'start', options);
    case 'end': return dateTimeIn(instance, 'end', options);
    case 'location': return c.location;
    case 'locations': return c.locations;
    case 'recurrence': return instance.type === 'seriesMaster' ? r.recurrence : null;
    case 'attendees': return c.attendees;
    case 'organizer': return { emailAddress: r.organizer };
    case 'onlineMeeting': return r.onlineMeeting;
    default: return undefined;
  }
}

/** The event as Graph writes it: `@odata.etag`, `id`, then the default or selected properties. */
export function eventJson(instance: EventInstance, options: EventShapeOptions): Record<string, unknown> {
  const json: Record<string, unknown> = { '@odata.etag': `W/"${instance.changeKey}"`, id: instance.id };
  for (const name of options.select ?? DEFAULT_EVENT_PROPERTIES) {
    // originalStart only on occurrences and exceptions; transactionId always, null when no app set it (as the
    // event-delta and event-get examples show it).
    if (!options.select && name === 'originalStart' && instance.originalStart === null) continue;
    const value = eventProperty(instance, name, options);
    if (value !== undefined) json[name] = value;
  }
  return json;
}

export const CALENDAR_PROPERTIES = [
  'name', 'color', 'hexColor', 'isDefaultCalendar', 'changeKey', 'canShare', 'canViewPrivateItems', 'canEdit',
  'allowedOnlineMeetingProviders', 'defaultOnlineMeetingProvider', 'isTallyingResponses', 'isRemovable', 'owner',
] as const;

export function calendarProperty(calendar: CalendarRecord, name: string): unknown {
  return (calendar as unknown as Record<string, unknown>)[name];
}

export function calendarJson(calendar: CalendarRecord, select?: string[]): Record<string, unknown> {
  const json: Record<string, unknown> = { id: calendar.id };
  for (const name of select ?? CALENDAR_PROPERTIES) json[name] = calendarProperty(calendar, name);
  return json;
}

export function zoneOption(name: string): { name: string; iana: string } {
  return { name, iana: requireZone(name) };
}
