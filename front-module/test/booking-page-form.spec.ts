import {
  bookingFormProblems,
  bookingPageFormFrom,
  bookingPageInput,
  fieldOfServerError,
  newBookingPageForm,
  toggleDuration,
  withTitle,
} from '../src/booking-pages/booking-page-form';
import { canHostBookingPages, confirmationsMissingReason } from '../src/booking-pages/booking-account';
import type { BookingAccount, BookingPage, BookingPageDefaults } from '../src/booking-pages/booking-pages.types';

const account: BookingAccount = {
  id: 'account-1',
  handle: 'demo.user@outlook.com',
  accountType: 'PERSONAL',
  disconnecting: false,
  features: [
    { feature: 'CALENDAR', granted: true, missingScopes: [] },
    { feature: 'MAIL_SEND', granted: false, missingScopes: ['Mail.Send'] },
  ],
  teamsMeetings: { available: false, reason: 'Teams meetings need a work or school account' },
  calendarChannel: { id: 'channel-1', calendars: [{ id: 'calendar-1', name: 'Calendar', isDefaultCalendar: true, isOwn: true }, { id: 'calendar-2', name: 'Family', isDefaultCalendar: false, isOwn: true }] },
};
const defaults: BookingPageDefaults = {
  timeZone: 'America/New_York',
  workingHours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => ({ day, start: '08:30', end: '16:30' })),
  busyCalendarIds: ['calendar-1'],
  teamsAvailable: false,
  teamsUnavailableReason: 'Teams meetings need a work or school account',
};
const calendarIds = ['calendar-1', 'calendar-2'];

describe('the booking page form', () => {
  it("starts from Outlook's zone, hours and default calendar, and not on Teams when the account cannot give it", () => {
    const form = newBookingPageForm(account, defaults);
    expect(form.timeZone).toBe('America/New_York');
    expect(form.busyCalendarIds).toEqual(['calendar-1']);
    expect(form.locationKind).toBe('PHONE');
    expect(newBookingPageForm(account, { ...defaults, teamsAvailable: true }).locationKind).toBe('TEAMS');
    expect(bookingFormProblems(form, calendarIds)).toEqual({ title: 'Give the page a title', slug: 'Choose an address for the page', location: 'Enter the phone number guests call' });
  });

  it('builds the contract input: numbers, no cap when empty, no detail for Teams, only bookable days', () => {
    let form = withTitle(newBookingPageForm(account, defaults), 'Intro call');
    form = toggleDuration(toggleDuration(form, 60), 15);
    form = { ...form, locationKind: 'TEAMS', locationDetail: 'left over', description: '  ', bufferAfterMinutes: '10', dailyCap: '' };
    expect(bookingFormProblems(form, calendarIds)).toEqual({});
    const input = bookingPageInput(form);
    expect(input).toMatchObject({ title: 'Intro call', slug: 'intro-call', durationsMinutes: [15, 30, 60], locationDetail: null, description: null, bufferAfterMinutes: 10, dailyCap: null, horizonDays: 60 });
    expect(input.workingHours).toHaveLength(5);
    expect(input.workingHours[0]).toEqual({ day: 'monday', start: '08:30', end: '16:30' });
  });

  it('refuses what the contract refuses, per field', () => {
    const form = { ...withTitle(newBookingPageForm(account, defaults), 'Intro'), durationsMinutes: [], locationKind: 'CUSTOM_LINK' as const, locationDetail: 'not a link', horizonDays: '400', dailyCap: 'two', busyCalendarIds: ['calendar-9'] };
    expect(bookingFormProblems(form, calendarIds)).toEqual({
      durationsMinutes: 'Choose at least one duration',
      location: 'Enter the meeting link, starting with https://',
      horizonDays: 'Booking horizon: between 1 and 365',
      dailyCap: 'Daily limit: enter a whole number',
      busyCalendarIds: 'A chosen calendar is not one of the account’s',
    });
    expect(bookingFormProblems({ ...form, locationDetail: 'http://meet.example.com/x', bufferBeforeMinutes: '300' }, calendarIds)).toMatchObject({
      location: 'Enter the meeting link, starting with https://',
      bufferBeforeMinutes: 'Buffer before: between 0 and 240',
    });
    expect(bookingFormProblems({ ...form, durationsMinutes: [3], busyCalendarIds: [] }, calendarIds)).toMatchObject({ durationsMinutes: 'A duration is 5 to 480 minutes', busyCalendarIds: 'Choose at least one calendar that counts as busy' });
  });

  it('reads a saved page back into the same input', () => {
    const page: BookingPage = {
      ...bookingPageInput({ ...withTitle(newBookingPageForm(account, defaults), 'Intro call'), locationDetail: '+1 555 0100', dailyCap: '4' }),
      id: 'page-1',
      description: null,
      locationDetail: '+1 555 0100',
      publicUrl: 'https://crm.example/book/intro-call',
      teamsAvailable: false,
      teamsUnavailableReason: 'Teams meetings need a work or school account',
      confirmationsAvailable: false,
      confirmationsUnavailableReason: 'No Mail.Send',
      locationFallback: null,
      createdAt: '2027-01-01T00:00:00Z',
      updatedAt: '2027-01-01T00:00:00Z',
    };
    const form = bookingPageFormFrom(page);
    expect(form.slugEdited).toBe(true);
    expect(bookingPageInput(form)).toEqual(bookingPageInput({ ...withTitle(newBookingPageForm(account, defaults), 'Intro call'), locationDetail: '+1 555 0100', dailyCap: '4' }));
  });

  it("puts the server's refusal on the field it names", () => {
    expect(fieldOfServerError('That address is taken: pick another slug')).toBe('slug');
    expect(fieldOfServerError('Unknown time zone "Mars/Base"')).toBe('timeZone');
    expect(fieldOfServerError('That calendar is not one of the account’s')).toBe('busyCalendarIds');
    expect(fieldOfServerError('Choose at least one duration')).toBe('durationsMinutes');
    expect(fieldOfServerError('Working hours: monday ends before it starts')).toBe('workingHours');
    expect(fieldOfServerError('A phone number is needed for a phone call')).toBe('location');
    expect(fieldOfServerError('Buffers: 0 to 240 minutes.')).toBe('bufferBeforeMinutes');
    expect(fieldOfServerError('Location: give the address.')).toBe('location');
    expect(fieldOfServerError('Daily cap: 1 to 100 bookings, or none.')).toBe('dailyCap');
    expect(fieldOfServerError('Minimum notice: 0 minutes to 60 days.')).toBe('minimumNoticeMinutes');
    expect(fieldOfServerError('Something else went wrong')).toBeNull();
  });

  it('offers new pages only on accounts that granted the calendar and are not being disconnected', () => {
    expect(canHostBookingPages(account)).toBe(true);
    expect(canHostBookingPages({ ...account, disconnecting: true })).toBe(false);
    expect(canHostBookingPages({ ...account, features: [{ feature: 'CALENDAR', granted: false, missingScopes: ['Calendars.ReadWrite'] }] })).toBe(false);
  });

  it('says before saving that confirmations will not be sent without Mail.Send', () => {
    expect(confirmationsMissingReason(account)).toBe('Confirmation emails will not be sent: the account has not granted Mail.Send. Enable sending mail in Settings → Accounts.');
    expect(confirmationsMissingReason({ ...account, features: [{ feature: 'MAIL_SEND', granted: true, missingScopes: [] }] })).toBeNull();
  });
});
