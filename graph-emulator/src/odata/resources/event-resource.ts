import { spec, type ResourceSchema } from '../resource-schema.js';

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
export const EVENT_RESOURCE: ResourceSchema = {
  type: 'event',
  properties: [
    spec.scalar('id', 'String'),
    spec.scalar('createdDateTime', 'DateTimeOffset'),
    spec.scalar('lastModifiedDateTime', 'DateTimeOffset'),
    spec.scalar('changeKey', 'String'),
    spec.scalar('categories', 'String', { collection: true, sort: false }),
    spec.scalar('transactionId', 'String'),
    spec.scalar('originalStartTimeZone', 'String'),
    spec.scalar('originalEndTimeZone', 'String'),
    spec.scalar('iCalUId', 'String'),
    spec.scalar('reminderMinutesBeforeStart', 'Int32'),
    spec.scalar('isReminderOn', 'Boolean'),
    spec.scalar('hasAttachments', 'Boolean'),
    spec.scalar('subject', 'String'),
    spec.scalar('bodyPreview', 'String', no),
    spec.scalar('importance', 'Enum'),
    spec.scalar('sensitivity', 'Enum'),
    spec.scalar('isAllDay', 'Boolean'),
    spec.scalar('isCancelled', 'Boolean'),
    spec.scalar('isOrganizer', 'Boolean'),
    spec.scalar('responseRequested', 'Boolean'),
    spec.scalar('seriesMasterId', 'String'),
    spec.scalar('showAs', 'Enum'),
    spec.scalar('type', 'Enum'),
    spec.scalar('webLink', 'String', no),
    spec.scalar('onlineMeetingUrl', 'String', no),
    spec.scalar('isOnlineMeeting', 'Boolean'),
    spec.scalar('onlineMeetingProvider', 'Enum'),
    spec.scalar('allowNewTimeProposals', 'Boolean'),
    spec.scalar('isDraft', 'Boolean'),
    spec.scalar('hideAttendees', 'Boolean'),
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
  ],
  expand: {
    attachments: 'it stores no event attachments',
    calendar: 'expanding relationships of events is not built yet',
    instances: 'expanding instances is not built yet (use /events/{id}/instances)',
    extensions: 'it stores no open extensions',
    singleValueExtendedProperties: 'it stores no extended properties',
    multiValueExtendedProperties: 'it stores no extended properties',
  },
  search: null,
  defaultTop: 10,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};
