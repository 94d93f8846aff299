import { absent, each, eq, like, type ConformanceCase, type Shape } from '../conformance-case.js';
import { JSON_HEADERS } from './shapes.js';
import { graphApi, graphConcept } from './sources.js';

// Free/busy, working hours and Teams meetings: `auth: 'scheduling'` (Calendars.ReadWrite, MailboxSettings.ReadWrite,
// OnlineMeetings.ReadWrite).
const PACIFIC = 'Pacific Standard Time';
const WALL_TIME = like(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
const TIME_OF_DAY = like(/^\d\d:\d\d:\d\d\.\d{7}$/);
const zoned = (zone: string): Shape => ({ dateTime: WALL_TIME, timeZone: eq(zone) });

/** https://learn.microsoft.com/graph/api/resources/workinghours */
const WORKING_HOURS: Shape = { daysOfWeek: each('string'), startTime: TIME_OF_DAY, endTime: TIME_OF_DAY, timeZone: { name: 'string' } };

/** scheduleInformation as the getSchedule examples show it (items may be none on a free day). */
const scheduleInformation = (slots: number): Shape => ({
  scheduleId: 'string',
  availabilityView: like(new RegExp(`^[0-4]{${slots}}$`)),
  scheduleItems: 'array',
  workingHours: WORKING_HOURS,
});

/** onlineMeeting as the Create onlineMeeting examples show it. */
const ONLINE_MEETING: Shape = {
  '@odata.type': eq('#microsoft.graph.onlineMeeting'),
  id: 'string',
  creationDateTime: like(/Z$/),
  startDateTime: like(/Z$/),
  endDateTime: like(/Z$/),
  subject: 'string',
  joinWebUrl: like(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_/),
  chatInfo: { threadId: 'string', messageId: 'string' },
  joinMeetingIdSettings: { isPasscodeRequired: 'boolean', joinMeetingId: 'string', passcode: 'string|null' },
  participants: { organizer: { identity: { user: { id: 'string' } }, upn: 'string' } },
};

export const schedulingCases: ConformanceCase[] = [
  {
    name: 'POST /me/calendar/getSchedule answers free/busy per schedule, in the Prefer zone',
    source: graphApi('calendar-getschedule'),
    request: {
      method: 'POST',
      path: '/v1.0/me/calendar/getSchedule',
      auth: 'scheduling',
      headers: { Prefer: `outlook.timezone="${PACIFIC}"` },
      body: {
        schedules: ['alex.wilber@contoso.com', 'megan.bowen@contoso.com'],
        startTime: { dateTime: '2026-03-04T09:00:00', timeZone: PACIFIC },
        endTime: { dateTime: '2026-03-04T18:00:00', timeZone: PACIFIC },
        availabilityViewInterval: 60,
      },
    },
    expect: {
      status: 200,
      headers: { ...JSON_HEADERS, 'preference-applied': `outlook.timezone="${PACIFIC}"` },
      body: { '@odata.context': eq('{graphBaseUrl}/$metadata#Collection(microsoft.graph.scheduleInformation)'), value: each(scheduleInformation(9)) },
    },
  },
  {
    name: 'POST /me/calendar/getschedule as the concept page writes it (capitalised parameters, a string interval), items in the Prefer zone',
    source: graphConcept('outlook-get-free-busy-schedule'),
    needs: ['(calendar)'],
    request: {
      method: 'POST',
      path: '/v1.0/me/calendar/getschedule',
      auth: 'scheduling',
      headers: { Prefer: `outlook.timezone="${PACIFIC}"` },
      body: {
        Schedules: ['megan.bowen@contoso.com'],
        StartTime: { dateTime: '{calendarStart}', timeZone: 'UTC' },
        EndTime: { dateTime: '{calendarEnd}', timeZone: 'UTC' },
        availabilityViewInterval: '15',
      },
    },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        value: each({
          scheduleId: eq('megan.bowen@contoso.com'),
          availabilityView: like(/^[0-4]+$/),
          scheduleItems: each({ status: like(/^(tentative|busy|oof|workingElsewhere)$/), start: zoned(PACIFIC), end: zoned(PACIFIC) }),
          workingHours: WORKING_HOURS,
        }),
      },
    },
  },
  {
    name: 'POST /me/calendar/getSchedule answers an address it cannot resolve with an error item',
    source: graphConcept('outlook-get-free-busy-schedule'),
    request: {
      method: 'POST',
      path: '/v1.0/me/calendar/getSchedule',
      auth: 'scheduling',
      body: {
        schedules: ['nobody@contoso.com'],
        startTime: { dateTime: '2026-03-04T09:00:00', timeZone: PACIFIC },
        endTime: { dateTime: '2026-03-04T18:00:00', timeZone: PACIFIC },
      },
    },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { value: each({ scheduleId: eq('nobody@contoso.com'), error: { message: 'string', responseCode: 'string' }, availabilityView: absent() }) },
    },
  },
  {
    name: 'GET /me/mailboxSettings returns every setting of the mailbox',
    source: graphApi('user-get-mailboxsettings'),
    request: { method: 'GET', path: '/v1.0/me/mailboxSettings', auth: 'scheduling' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        '@odata.context': like(/\$metadata#users\('[^']+'\)\/mailboxSettings$/),
        automaticRepliesSetting: { status: 'string', externalAudience: 'string', scheduledStartDateTime: zoned('UTC'), scheduledEndDateTime: zoned('UTC'), internalReplyMessage: 'string', externalReplyMessage: 'string' },
        timeZone: 'string',
        language: { locale: 'string', displayName: 'string' },
        workingHours: WORKING_HOURS,
        userPurpose: eq('user'),
        dateFormat: 'string',
        timeFormat: 'string',
        delegateMeetingMessageDeliveryOptions: 'string',
      },
    },
  },
  {
    name: 'GET /me/mailboxSettings/workingHours returns the working hours alone',
    source: graphApi('user-get-mailboxsettings'),
    request: { method: 'GET', path: '/v1.0/me/mailboxSettings/workingHours', auth: 'scheduling' },
    expect: { status: 200, headers: JSON_HEADERS, body: { '@odata.context': like(/mailboxSettings\/workingHours$/), ...WORKING_HOURS } },
  },
  {
    name: 'GET /me/mailboxSettings/timeZone returns the zone as a value',
    source: graphApi('user-get-mailboxsettings'),
    request: { method: 'GET', path: '/v1.0/me/mailboxSettings/timeZone', auth: 'scheduling' },
    expect: { status: 200, headers: JSON_HEADERS, body: { '@odata.context': like(/mailboxSettings\/timeZone$/), value: 'string' } },
  },
  {
    name: 'PATCH /me/mailboxSettings schedules automatic replies and answers with them',
    source: graphApi('user-update-mailboxsettings'),
    request: {
      method: 'PATCH',
      path: '/v1.0/me/mailboxSettings',
      auth: 'scheduling',
      body: {
        automaticRepliesSetting: {
          status: 'Scheduled',
          scheduledStartDateTime: { dateTime: '2026-03-20T18:00:00.0000000', timeZone: 'UTC' },
          scheduledEndDateTime: { dateTime: '2026-03-28T18:00:00.0000000', timeZone: 'UTC' },
        },
      },
    },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        '@odata.context': like(/mailboxSettings$/),
        automaticRepliesSetting: {
          status: eq('scheduled'), externalAudience: 'string',
          scheduledStartDateTime: { dateTime: eq('2026-03-20T18:00:00.0000000'), timeZone: eq('UTC') },
          scheduledEndDateTime: { dateTime: eq('2026-03-28T18:00:00.0000000'), timeZone: eq('UTC') },
        },
        timeZone: absent(),
      },
    },
  },
  {
    name: 'POST /me/onlineMeetings creates a Teams meeting with a user token (201)',
    source: graphApi('application-post-onlinemeetings'),
    request: {
      method: 'POST',
      path: '/v1.0/me/onlineMeetings',
      auth: 'scheduling',
      body: { startDateTime: '2019-07-12T14:30:34.2444915-07:00', endDateTime: '2019-07-12T15:00:34.2464912-07:00', subject: 'User Token Meeting' },
    },
    expect: { status: 201, headers: JSON_HEADERS, body: { '@odata.context': like(/\$metadata#users\('[^']+'\)\/onlineMeetings\/\$entity$/), ...ONLINE_MEETING } },
  },
  {
    name: 'POST /me/onlineMeetings with isPasscodeRequired generates the passcode',
    source: graphApi('application-post-onlinemeetings'),
    request: {
      method: 'POST',
      path: '/v1.0/me/onlineMeetings',
      auth: 'scheduling',
      body: { startDateTime: '2019-07-12T14:30:34.2444915-07:00', endDateTime: '2019-07-12T15:00:34.2464912-07:00', subject: 'User meeting', joinMeetingIdSettings: { isPasscodeRequired: true } },
    },
    expect: { status: 201, headers: JSON_HEADERS, body: { joinMeetingIdSettings: { isPasscodeRequired: eq(true), joinMeetingId: 'string', passcode: 'string' } } },
  },
  {
    name: 'GET /me/onlineMeetings/{meetingId} returns the meeting',
    source: graphApi('onlinemeeting-get'),
    request: { method: 'GET', path: '/v1.0/me/onlineMeetings/{onlineMeetingId}', auth: 'scheduling' },
    expect: { status: 200, headers: JSON_HEADERS, body: { ...ONLINE_MEETING, subject: eq('Quarterly review') } },
  },
  {
    name: "GET /me/onlineMeetings?$filter=JoinWebUrl eq '{joinWebUrl}' returns a collection of the one meeting",
    source: graphApi('onlinemeeting-get'),
    request: { method: 'GET', path: '/v1.0/me/onlineMeetings', query: { $filter: "JoinWebUrl eq '{joinWebUrl}'" }, auth: 'scheduling' },
    expect: { status: 200, headers: JSON_HEADERS, body: { value: each({ ...ONLINE_MEETING, joinWebUrl: eq('{joinWebUrl}') }) } },
  },
];
