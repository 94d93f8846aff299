import { GraphError, graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { availabilityView, busyBlocks, type BusyBlock } from '../../calendar/free-busy.js';
import { formatWall, instantToWall, ianaZone, parseWall, requireZone, wallToInstant } from '../../calendar/time-zones.js';
import { parseQuery } from '../../odata/query-options.js';
import { EVENT_RESOURCE } from '../../odata/resources/event-resource.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { MailboxSettingsRecord } from '../../store/mailbox-settings/mailbox-settings-records.js';
import { preferences, type GraphCall, type GraphResult } from '../graph-call.js';
import { mailboxAccess } from '../mail/mail-access.js';
import { composeErrors } from '../mail/compose/compose-errors.js';
import { isAddress, member } from '../mail/compose/message-input.js';
import { appliedHeader } from './calendar-access.js';
import { workingHoursJson } from '../mailbox-settings/mailbox-settings-shape.js';

// concepts/outlook-get-free-busy-schedule.md: at most 20 entities, a window under 62 days; calendar-getschedule.md:
// the interval is 5 to 1,440 minutes, 30 by default.
const MAX_SCHEDULES = 20;
const MAX_WINDOW_DAYS = 62;
const DEFAULT_INTERVAL = 30;
const DAY = 86_400_000;

// The codes and wording Outlook answers with, from field reports (microsoft-graph-docs issues #6450 and PR #19703,
// msgraph-sdk-dotnet #2349); the count limit's wording is the emulator's.
const scheduleErrors = {
  interval: () => new GraphError(400, 'ErrorInvalidMergedFreeBusyInterval', 'The specified merged free/busy interval is not valid. Specify an interval that is less than the free/busy time window and  between 5 and 1440 minutes.'),
  window: () => new GraphError(400, 'ErrorInvalidTimeInterval', 'The time duration specified for FreeBusyViewOptions.TimeWindow is invalid.'),
  windowTooBig: (days: number) => new GraphError(400, 'ErrorTimeIntervalTooBig', `The requested time duration specified for FreeBusyViewOptions.TimeWindow is too long. The allowed limit = ${MAX_WINDOW_DAYS} days; the actual limit = ${days} days.`),
  tooMany: (count: number) => new GraphError(400, 'ErrorInvalidParameter', `The number of schedules requested (${count}) is over the limit of ${MAX_SCHEDULES}.`),
};

interface ScheduleRequest {
  schedules: string[];
  from: number;
  until: number;
  /** The zone the window is written in (IANA): all-day events cover their dates in it. */
  windowZone: string;
  interval: number;
}

function dateTimeTimeZone(value: unknown, name: string): { instant: number; zone: string } {
  const { dateTime, timeZone } = (value ?? {}) as { dateTime?: unknown; timeZone?: unknown };
  if (typeof value !== 'object' || value === null || typeof dateTime !== 'string') throw composeErrors.badValue(name, 'a dateTimeTimeZone {dateTime, timeZone}');
  const zone = requireZone(timeZone);
  // An offset or a Z after the time is not part of dateTimeTimeZone's dateTime: Outlook reads the wall clock.
  const wall = parseWall(dateTime.replace(/(Z|[+-]\d\d:?\d\d)$/i, ''));
  if (wall === undefined) throw composeErrors.badValue(name, `'${dateTime}' is not a date and time`);
  return { instant: wallToInstant(wall, zone), zone };
}

function readRequest(body: unknown): ScheduleRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw graph.invalidRequest('The request body must be a JSON object.');
  const args = body as Record<string, unknown>;
  for (const key of Object.keys(args)) {
    if (!['schedules', 'starttime', 'endtime', 'availabilityviewinterval'].includes(key.toLowerCase())) throw composeErrors.unknownProperty(key, 'getSchedule action parameter');
  }
  const schedules = member(args, 'schedules');
  if (!Array.isArray(schedules) || schedules.length === 0 || schedules.some((item) => typeof item !== 'string')) {
    throw composeErrors.badValue('schedules', 'a collection of SMTP addresses');
  }
  if (schedules.length > MAX_SCHEDULES) throw scheduleErrors.tooMany(schedules.length);
  const start = dateTimeTimeZone(member(args, 'startTime'), 'startTime');
  const end = dateTimeTimeZone(member(args, 'endTime'), 'endTime');
  if (end.instant <= start.instant) throw scheduleErrors.window();
  const length = end.instant - start.instant;
  if (length >= MAX_WINDOW_DAYS * DAY) throw scheduleErrors.windowTooBig(Math.ceil(length / DAY));
  const rawInterval = member(args, 'availabilityViewInterval');
  // The concept page's example sends the interval as a string ("15"); null is taken as "not given".
  const interval = rawInterval === undefined || rawInterval === null ? DEFAULT_INTERVAL : Number(rawInterval);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440 || interval * 60_000 > length) throw scheduleErrors.interval();
  return { schedules: schedules as string[], from: start.instant, until: end.instant, windowZone: start.zone, interval };
}

/** The response zone `Prefer: outlook.timezone` asks for (one Outlook does not know is not applied: UTC). */
function responseZone(call: GraphCall): { name: string; iana: string; applied: string[] } {
  const asked = preferences(call).get('outlook.timezone');
  const iana = asked !== undefined ? ianaZone(asked) : undefined;
  return iana ? { name: asked!, iana, applied: [`outlook.timezone="${asked}"`] } : { name: 'UTC', iana: 'UTC', applied: [] };
}

const zoned = (ms: number, zone: { name: string; iana: string }) => ({ dateTime: formatWall(instantToWall(ms, zone.iana)), timeZone: zone.name });

/**
 * A schedule item: status and times always; subject, location and isPrivate only to whom the owner shows them
 * (the owner themself, or everyone in the tenant when the owner's calendar shows titles and locations), and only
 * for normal or personal events (concepts/outlook-get-free-busy-schedule.md, "Event data returned").
 */
function scheduleItem(block: BusyBlock, zone: { name: string; iana: string }, details: boolean): Record<string, unknown> {
  const { sensitivity, subject, location } = block.content;
  const shown = details && (sensitivity === 'normal' || sensitivity === 'personal');
  return {
    ...(shown ? { isPrivate: false } : {}),
    status: block.status,
    ...(shown ? { subject, location: location.displayName } : {}),
    start: zoned(block.startMs, zone),
    end: zoned(block.endMs, zone),
  };
}

function unknownSchedule(address: string): Record<string, unknown> {
  // Field report (microsoft-graph-docs issue #11225): an address Outlook cannot resolve answers its item with only this.
  return { scheduleId: address, error: { message: `Unable to resolve e-mail address ${address} to an Active Directory object.`, responseCode: '5009' } };
}

function scheduleOf(context: EmulatorContext, caller: UserRecord, address: string, request: ScheduleRequest, zone: { name: string; iana: string }): Record<string, unknown> {
  const owner = isAddress(address.trim()) ? context.store.findUser(address.trim()) : undefined;
  // Only mailboxes of the caller's own tenant are looked up; Outlook has no free/busy of other organizations here.
  if (!owner || owner.tenantId !== caller.tenantId || context.store.mail.getMailboxStatus(owner.id) !== 'enabled') return unknownSchedule(address);
  const settings: MailboxSettingsRecord = context.store.mailboxSettings.get(owner.id);
  const details = owner.id === caller.id || settings.freeBusySharing === 'limitedDetails';
  const blocks = busyBlocks(context.store, owner.id, request.from, request.until, request.windowZone);
  return {
    scheduleId: address,
    availabilityView: availabilityView(blocks, request.from, request.until, request.interval),
    scheduleItems: blocks.map((block) => scheduleItem(block, zone, details)),
    workingHours: workingHoursJson(settings.workingHours),
  };
}

/**
 * `POST /me/calendar/getSchedule` and `/users/{id|upn}/calendar/getSchedule` `{schedules, startTime, endTime,
 * availabilityViewInterval?}` → 200 `{value: [scheduleInformation]}`, one per address in the order asked
 * (calendar-getschedule.md). Work or school accounts only (personal accounts are refused by the permission table).
 */
export function getSchedule(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  parseQuery(call.query, EVENT_RESOURCE, { allowed: [] });
  const { user } = mailboxAccess(context, call, userSegment!);
  const request = readRequest(call.body);
  const zone = responseZone(call);
  return {
    status: 200,
    headers: appliedHeader(zone.applied),
    body: {
      '@odata.context': `${call.origin}/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)`,
      value: request.schedules.map((address) => scheduleOf(context, user, address, request, zone)),
    },
  };
}
