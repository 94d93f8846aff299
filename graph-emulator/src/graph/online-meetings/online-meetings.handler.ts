import { GraphError, graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import { odataErrors } from '../../odata/odata-errors.js';
import { parseQuery } from '../../odata/query-options.js';
import { ONLINE_MEETING_RESOURCE } from '../../odata/resources/online-meeting-resource.js';
import { createOnlineMeeting } from '../../online-meetings/new-online-meeting.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { GraphCall, GraphResult } from '../graph-call.js';
import { isPersonalAccount } from '../route-permissions.js';
import { onlineMeetingJson } from './online-meeting-shape.js';

const HOUR = 3600_000;
// onlinemeeting.md: properties a create may set that the emulator keeps, and those it would have to act on.
const KEPT = ['startDateTime', 'endDateTime', 'subject', 'joinMeetingIdSettings', 'participants', 'externalId'];
const NOT_KEPT = [
  'allowedPresenters', 'allowAttendeeToEnableCamera', 'allowAttendeeToEnableMic', 'allowMeetingChat', 'allowTeamworkReactions',
  'allowRecording', 'allowTranscription', 'isEntryExitAnnounced', 'lobbyBypassSettings', 'recordAutomatically', 'shareMeetingChatHistoryDefault',
  'watermarkProtection', 'audioConferencing', 'chatInfo', 'isBroadcast', 'broadcastSettings', 'chatRestrictions', 'meetingTemplateId',
];

const teamsErrors = {
  // Field reports (microsoft-graph-docs-contrib issues #3204 and #5540): a personal account's token is refused so.
  personalAccount: () => new GraphError(400, 'AuthenticationError', 'Error authenticating with resource'),
  notFound: () => new GraphError(404, 'NotFound', 'The online meeting was not found.'),
  badRequest: (message: string) => new GraphError(400, 'BadRequest', message),
};

/** The organizer a path names: `/me`, or `/users/{id}` when it is the caller (delegated tokens act for the signed-in user only). */
function organizerOf(context: EmulatorContext, call: GraphCall, userSegment: string): UserRecord {
  if (isPersonalAccount(call.caller)) throw teamsErrors.personalAccount();
  if (!userSegment) return call.caller.user;
  const found = context.store.findUser(userSegment);
  if (!found) throw graph.invalidUser(userSegment);
  if (found.id !== call.caller.user.id) throw new GraphError(403, 'Forbidden', 'The caller may act only for the signed-in user.');
  return found;
}

function offsetTime(value: unknown, name: string): number {
  const ms = typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value) ? Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`) : NaN;
  if (Number.isNaN(ms)) throw teamsErrors.badRequest(`The value of '${name}' is not a DateTimeOffset.`);
  return ms;
}

/** An attendee the create names, as identitySet `{upn, identity: {user: {id}}}`, kept only to be echoed back. */
function attendeesOf(participants: unknown): Record<string, unknown>[] {
  if (participants === undefined || participants === null) return [];
  const attendees = (participants as { attendees?: unknown }).attendees;
  if (attendees === undefined) return [];
  if (!Array.isArray(attendees)) throw teamsErrors.badRequest("'participants.attendees' must be a collection of meetingParticipantInfo.");
  return attendees.map((attendee) => ({ role: 'attendee', ...(attendee as Record<string, unknown>) }));
}

/**
 * `POST /me/onlineMeetings` `{startDateTime?, endDateTime?, subject?, joinMeetingIdSettings?: {isPasscodeRequired},
 * participants?, externalId?}` → 201 with the meeting (application-post-onlinemeetings.md): standalone, not on the
 * calendar. Work or school accounts with OnlineMeetings.ReadWrite; personal accounts get Teams' 400.
 */
export function postOnlineMeeting(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const organizer = organizerOf(context, call, userSegment!);
  parseQuery(call.query, ONLINE_MEETING_RESOURCE, { allowed: [] });
  const body = (call.body ?? {}) as Record<string, unknown>;
  if (typeof body !== 'object' || Array.isArray(body)) throw teamsErrors.badRequest('The request body must be an onlineMeeting object.');
  for (const key of Object.keys(body)) {
    if (key.startsWith('@odata.') || KEPT.includes(key)) continue;
    if (NOT_KEPT.includes(key)) throw odataErrors.notImplemented(`the onlineMeeting property '${key}'`);
    throw new GraphError(400, 'BadRequest', `The property '${key}' does not exist on type 'microsoft.graph.onlineMeeting'.`);
  }
  // Not documented: Teams fills a missing time with now and an hour from then (the emulator's choice).
  const now = Date.now();
  const start = body.startDateTime === undefined ? now : offsetTime(body.startDateTime, 'startDateTime');
  const end = body.endDateTime === undefined ? start + HOUR : offsetTime(body.endDateTime, 'endDateTime');
  if (end < start) throw teamsErrors.badRequest('The meeting must end after it starts.');
  if (body.subject !== undefined && body.subject !== null && typeof body.subject !== 'string') throw teamsErrors.badRequest("'subject' must be a string.");
  const settings = body.joinMeetingIdSettings as { isPasscodeRequired?: unknown } | undefined;
  if (settings !== undefined && (typeof settings !== 'object' || settings === null)) throw teamsErrors.badRequest("'joinMeetingIdSettings' must be an object.");
  // application-post-onlinemeetings.md: the passcode is generated; a custom one is not supported.
  if (settings && 'passcode' in settings) throw teamsErrors.badRequest('A custom passcode is not supported: the passcode is generated.');
  const attendees = attendeesOf(body.participants);
  const meeting = createOnlineMeeting(context.store, organizer, {
    subject: typeof body.subject === 'string' ? body.subject : '',
    startDateTime: start,
    endDateTime: end,
    isPasscodeRequired: settings?.isPasscodeRequired === true,
    externalId: typeof body.externalId === 'string' ? body.externalId : null,
    attendees,
  }, now);
  return {
    status: 201,
    body: { '@odata.context': `${call.origin}/v1.0/$metadata#users('${organizer.id}')/onlineMeetings/$entity`, ...onlineMeetingJson(context.store, meeting) },
  };
}

/** `GET /me/onlineMeetings/{id}` → 200 with the meeting (onlinemeeting-get.md); the organizer's only. */
export function getOnlineMeeting(context: EmulatorContext, call: GraphCall, [userSegment, id]: string[]): GraphResult {
  const organizer = organizerOf(context, call, userSegment!);
  const { select } = parseQuery(call.query, ONLINE_MEETING_RESOURCE, { allowed: ['$select'] });
  const meeting = context.store.onlineMeetings.get(organizer.id, id!);
  if (!meeting) throw teamsErrors.notFound();
  const json = onlineMeetingJson(context.store, meeting);
  const chosen = select ? Object.fromEntries(Object.entries(json).filter(([key]) => key === '@odata.type' || key === 'id' || select.includes(key))) : json;
  return { status: 200, body: { '@odata.context': `${call.origin}/v1.0/$metadata#users('${organizer.id}')/onlineMeetings/$entity`, ...chosen } };
}

const BY_JOIN_URL = /^\s*joinWebUrl\s+eq\s+'((?:[^']|'')*)'\s*$/i;
const BY_MEETING_ID = /^\s*joinMeetingIdSettings\/joinMeetingId\s+eq\s+'((?:[^']|'')*)'\s*$/i;

/**
 * `GET /me/onlineMeetings?$filter=JoinWebUrl eq '{url}'` or `…joinMeetingIdSettings/joinMeetingId eq '{id}'` → 200
 * with a collection of the one meeting (onlinemeeting-get.md). Teams lists meetings no other way: no filter is a 400,
 * and so is a filter that matches nothing (a field report: a 400 whose message begins "1026").
 */
export function findOnlineMeetings(context: EmulatorContext, call: GraphCall, [userSegment]: string[]): GraphResult {
  const organizer = organizerOf(context, call, userSegment!);
  const filterText = [...call.query.entries()].find(([key]) => key.toLowerCase() === '$filter')?.[1];
  const others = new URLSearchParams([...call.query.entries()].filter(([key]) => key.toLowerCase() !== '$filter'));
  parseQuery(others, ONLINE_MEETING_RESOURCE, { allowed: [] });
  if (filterText === undefined) throw teamsErrors.badRequest('Listing online meetings needs $filter on JoinWebUrl or joinMeetingIdSettings/joinMeetingId.');
  const byUrl = BY_JOIN_URL.exec(filterText);
  const byId = BY_MEETING_ID.exec(filterText);
  if (!byUrl && !byId) throw odataErrors.notImplemented(`the $filter '${filterText}' on online meetings (only JoinWebUrl eq and joinMeetingIdSettings/joinMeetingId eq)`);
  const wanted = (byUrl ?? byId)![1]!.replace(/''/g, "'");
  const meeting = context.store.onlineMeetings.list(organizer.id)
    .find((candidate) => (byUrl ? candidate.joinWebUrl === wanted : candidate.joinMeetingId === wanted));
  if (!meeting) throw teamsErrors.badRequest('1026 - No online meeting matches the filter.');
  return {
    status: 200,
    body: {
      '@odata.context': `${call.origin}/v1.0/$metadata#users('${organizer.id}')/onlineMeetings`,
      value: [onlineMeetingJson(context.store, meeting)],
    },
  };
}
