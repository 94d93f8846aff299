import { NOT_STORED, resource, spec } from '../resource-schema.js';

const DATE_TIME_TIME_ZONE = { dateTime: 'String', timeZone: 'String' } as const;
const ITEM_BODY = { contentType: 'Enum', content: 'String' } as const;
const RESPONSE_STATUS = { response: 'Enum', time: 'DateTimeOffset' } as const;
const LOCATION = { displayName: 'String', locationType: 'Enum', uniqueIdType: 'Enum' } as const;
const ATTENDEE = { type: 'Enum', status: RESPONSE_STATUS, emailAddress: { name: 'String', address: 'String' } } as const;
const ONLINE_MEETING = { joinUrl: 'String', conferenceId: 'String', tollNumber: 'String', quickDial: 'String' } as const;
const RECURRENCE = {
  pattern: { type: 'Enum', interval: 'Int32', month: 'Int32', dayOfMonth: 'Int32', firstDayOfWeek: 'Enum', index: 'Enum' },
  range: { type: 'Enum', startDate: 'String', endDate: 'String', recurrenceTimeZone: 'String', numberOfOccurrences: 'Int32' },
} as const;

const no = { filter: false, sort: false } as const;

/** microsoft.graph.event (v1.0), in Graph's default order; `filter`/`sort` false = the emulator does not (501). */
export const EVENT_RESOURCE = resource('event', [
  ...spec.outlookItem(),
  ...spec.scalars('String', ['transactionId', 'originalStartTimeZone', 'originalEndTimeZone', 'iCalUId']),
  spec.scalar('reminderMinutesBeforeStart', 'Int32'),
  ...spec.scalars('Boolean', ['isReminderOn', 'hasAttachments']),
  spec.scalar('subject', 'String'),
  spec.scalar('bodyPreview', 'String', no),
  ...spec.scalars('Enum', ['importance', 'sensitivity']),
  ...spec.scalars('Boolean', ['isAllDay', 'isCancelled', 'isOrganizer', 'responseRequested']),
  spec.scalar('seriesMasterId', 'String'),
  ...spec.scalars('Enum', ['showAs', 'type']),
  ...spec.scalars('String', ['webLink', 'onlineMeetingUrl'], no),
  spec.scalar('isOnlineMeeting', 'Boolean'),
  spec.scalar('onlineMeetingProvider', 'Enum'),
  ...spec.scalars('Boolean', ['allowNewTimeProposals', 'isDraft', 'hideAttendees']),
  spec.scalar('originalStart', 'DateTimeOffset'),
  spec.complex('responseStatus', RESPONSE_STATUS, { filter: true, sort: true }),
  spec.complex('body', ITEM_BODY),
  spec.complex('start', DATE_TIME_TIME_ZONE, { filter: true, sort: true }),
  spec.complex('end', DATE_TIME_TIME_ZONE, { filter: true, sort: true }),
  spec.complex('location', LOCATION, { filter: true, sort: true }),
  spec.complex('locations', LOCATION, { collection: true }),
  spec.complex('recurrence', RECURRENCE),
  spec.complex('attendees', ATTENDEE, { collection: true, filter: true }),
  spec.recipient('organizer'),
  spec.complex('onlineMeeting', ONLINE_MEETING),
], {
  attachments: 'it stores no event attachments',
  calendar: 'expanding relationships of events is not built yet',
  instances: 'expanding instances is not built yet (use /events/{id}/instances)',
  ...NOT_STORED.extensions,
  ...NOT_STORED.extendedProperties,
});
