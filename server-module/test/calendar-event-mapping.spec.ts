import { CalendarEventParticipantResponseStatus as Response } from '@m365/shared-types';
import { ianaZone, toAllDayDate, toInstant } from '../src/calendar/event-time.util.js';
import { isImportable, toImportedEvent, type GraphEvent } from '../src/calendar/graph-event.mapper.js';
import { chooseSyncWindow, initialCalendarDeltaLink } from '../src/calendar/calendar-view-delta.importer.js';

const OWN = new Set(['megan.bowen@contoso.com']);
const base: GraphEvent = {
  id: 'AAMk-1',
  type: 'singleInstance',
  iCalUId: '040000008200E00074C5B7101A82E008-1',
  subject: 'Quarterly review',
  body: { contentType: 'text', content: 'Agenda: numbers.' },
  location: { displayName: 'Room 12' },
  start: { dateTime: '2026-03-08T14:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-03-08T15:00:00.0000000', timeZone: 'UTC' },
  originalStartTimeZone: 'Eastern Standard Time',
  isOrganizer: false,
  organizer: { emailAddress: { name: 'Lee Gu', address: 'Lee.Gu@fabrikam.com' } },
  attendees: [
    { type: 'required', emailAddress: { name: 'Lee Gu', address: 'lee.gu@fabrikam.com' }, status: { response: 'none' } },
    { type: 'required', emailAddress: { name: 'Megan Bowen', address: 'megan.bowen@contoso.com' }, status: { response: 'none' } },
    { type: 'optional', emailAddress: { name: 'Patti', address: 'patti.fernandez@northwindtraders.com' }, status: { response: 'tentativelyAccepted' } },
    { type: 'required', emailAddress: { name: 'Irvin', address: 'irvin.sayers@adventure-works.com' }, status: { response: 'declined' } },
  ],
  responseStatus: { response: 'accepted' },
  sensitivity: 'normal',
};

describe('Outlook events as the CRM stores them', () => {
  it('reads times given in a Windows zone, an IANA zone or UTC as the same instant, across DST', () => {
    // 9:00 in New York the day after the March 2026 switch to daylight time is 13:00 UTC; the day before, 14:00.
    expect(toInstant({ dateTime: '2026-03-09T09:00:00.0000000', timeZone: 'Eastern Standard Time' }).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    expect(toInstant({ dateTime: '2026-03-07T09:00:00.0000000', timeZone: 'America/New_York' }).toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(toInstant({ dateTime: '2026-04-05T09:00:00', timeZone: 'AUS Eastern Standard Time' }).toISOString()).toBe('2026-04-04T23:00:00.000Z');
    expect(toInstant({ dateTime: '2026-01-10T09:00:00', timeZone: 'India Standard Time' }).toISOString()).toBe('2026-01-10T03:30:00.000Z');
    expect(toInstant({ dateTime: '2026-01-10T09:00:00.0000000', timeZone: 'UTC' }).toISOString()).toBe('2026-01-10T09:00:00.000Z');
  });

  it('maps Windows zone names to IANA ones through the CLDR table and refuses names it cannot place', () => {
    expect(ianaZone('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZone('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(ianaZone('Europe/Paris')).toBe('Europe/Paris');
    expect(ianaZone('tzone://Microsoft/Custom')).toBeNull();
    expect(() => toInstant({ dateTime: '2026-01-10T09:00:00', timeZone: 'Mars Standard Time' })).toThrow(/Unknown time zone/);
  });

  it("keeps an all-day event's dates whatever zone the response converted them to", () => {
    // All day on 1 May in Berlin is 30 April 22:00 UTC to 1 May 22:00 UTC once converted.
    expect(toAllDayDate({ dateTime: '2026-04-30T22:00:00.0000000', timeZone: 'UTC' }, 'Europe/Berlin')).toBe('2026-05-01');
    expect(toAllDayDate({ dateTime: '2026-05-01T00:00:00.0000000', timeZone: 'UTC' }, 'Europe/Berlin')).toBe('2026-05-01');
    // Sydney, across its April DST end: midnight there is 13:00 or 14:00 UTC the day before.
    expect(toAllDayDate({ dateTime: '2026-04-04T13:00:00.0000000', timeZone: 'UTC' }, 'Australia/Sydney')).toBe('2026-04-05');
    expect(toAllDayDate({ dateTime: '2026-04-05T14:00:00.0000000', timeZone: 'UTC' }, 'Australia/Sydney')).toBe('2026-04-06');
    const allDay = toImportedEvent(
      { ...base, isAllDay: true, originalStartTimeZone: 'W. Europe Standard Time', start: { dateTime: '2026-04-30T22:00:00.0000000', timeZone: 'UTC' }, end: { dateTime: '2026-05-02T22:00:00.0000000', timeZone: 'UTC' } },
      'cal-1',
      OWN,
    );
    expect([allDay.isFullDay, allDay.startsAt.toISOString(), allDay.endsAt.toISOString(), allDay.timeZone]).toEqual([true, '2026-05-01T00:00:00.000Z', '2026-05-03T00:00:00.000Z', 'Europe/Berlin']);
  });

  it('keeps the fields the CRM shows, the event zone as IANA, and the organizer first among participants, each once', () => {
    const event = toImportedEvent(base, 'cal-1', OWN);
    expect(event).toMatchObject({
      externalId: 'AAMk-1',
      calendarExternalId: 'cal-1',
      recurringEventExternalId: null,
      iCalUid: base.iCalUId,
      title: 'Quarterly review',
      description: 'Agenda: numbers.',
      location: 'Room 12',
      timeZone: 'America/New_York',
      isPrivate: false,
      isOwnerOrganizer: false,
    });
    expect(event.startsAt.toISOString()).toBe('2026-03-08T14:00:00.000Z');
    expect(event.participants).toEqual([
      { handle: 'lee.gu@fabrikam.com', displayName: 'Lee Gu', isOrganizer: true, responseStatus: Response.ACCEPTED },
      // The owner's own answer is the event's responseStatus, not the attendee entry's.
      { handle: 'megan.bowen@contoso.com', displayName: 'Megan Bowen', isOrganizer: false, responseStatus: Response.ACCEPTED },
      { handle: 'patti.fernandez@northwindtraders.com', displayName: 'Patti', isOrganizer: false, responseStatus: Response.TENTATIVE },
      { handle: 'irvin.sayers@adventure-works.com', displayName: 'Irvin', isOrganizer: false, responseStatus: Response.DECLINED },
    ]);
  });

  it('marks private and confidential events, links occurrences to their series, and places an exception where its occurrence was', () => {
    expect(toImportedEvent({ ...base, sensitivity: 'private' }, 'c', OWN).isPrivate).toBe(true);
    expect(toImportedEvent({ ...base, sensitivity: 'confidential' }, 'c', OWN).isPrivate).toBe(true);
    expect(toImportedEvent({ ...base, sensitivity: 'personal' }, 'c', OWN).isPrivate).toBe(false);
    const occurrence = toImportedEvent({ ...base, type: 'occurrence', seriesMasterId: 'MASTER' }, 'c', OWN);
    expect([occurrence.recurringEventExternalId, occurrence.replacesOccurrenceAt]).toEqual(['MASTER', null]);
    const exception = toImportedEvent({ ...base, type: 'exception', seriesMasterId: 'MASTER', originalStart: '2026-03-08T14:00:00Z', start: { dateTime: '2026-03-08T16:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-08T17:00:00', timeZone: 'UTC' } }, 'c', OWN);
    expect([exception.recurringEventExternalId, exception.replacesOccurrenceAt?.toISOString(), exception.startsAt.toISOString()]).toEqual(['MASTER', '2026-03-08T14:00:00.000Z', '2026-03-08T16:00:00.000Z']);
  });

  it('leaves series masters, removals and occurrences cancelled from their series out; a cancelled single meeting stays, marked', () => {
    expect(isImportable({ ...base, type: 'seriesMaster' })).toBe(false);
    expect(isImportable({ id: 'x', '@removed': { reason: 'deleted' } })).toBe(false);
    expect(isImportable({ ...base, type: 'occurrence', isCancelled: true })).toBe(false);
    expect(isImportable({ ...base, isCancelled: true })).toBe(true);
    expect(toImportedEvent({ ...base, isCancelled: true }, 'c', OWN).isCanceled).toBe(true);
  });

  it('opens each calendar over its window, which stays put until it is a month behind', () => {
    const now = new Date('2026-06-15T10:00:00Z');
    const fresh = chooseSyncWindow({ windowStart: null, windowEnd: null }, { pastDays: 365, futureDays: 730 }, now);
    expect([fresh.start.toISOString(), fresh.end.toISOString()]).toEqual(['2025-06-15T00:00:00.000Z', '2028-06-14T00:00:00.000Z']);
    const later = chooseSyncWindow({ windowStart: fresh.start, windowEnd: fresh.end }, { pastDays: 365, futureDays: 730 }, new Date('2026-07-01T00:00:00Z'));
    expect(later).toEqual(fresh);
    const slid = chooseSyncWindow({ windowStart: fresh.start, windowEnd: fresh.end }, { pastDays: 365, futureDays: 730 }, new Date('2026-07-20T00:00:00Z'));
    expect(slid.end.toISOString()).toBe('2028-07-19T00:00:00.000Z');
    const reconfigured = chooseSyncWindow({ windowStart: fresh.start, windowEnd: fresh.end }, { pastDays: 30, futureDays: 730 }, now);
    expect(reconfigured.start.toISOString()).toBe('2026-05-16T00:00:00.000Z');
    expect(initialCalendarDeltaLink({ externalId: 'AQ==', isDefaultCalendar: false }, fresh)).toBe(
      '/me/calendars/AQ%3D%3D/calendarView/delta?startDateTime=2025-06-15T00%3A00%3A00.000Z&endDateTime=2028-06-14T00%3A00%3A00.000Z',
    );
  });
});
