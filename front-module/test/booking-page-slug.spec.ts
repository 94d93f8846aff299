import { slugFromTitle, slugProblem } from '../src/booking-pages/slug';
import { newBookingPageForm, withSlug, withTitle } from '../src/booking-pages/booking-page-form';
import type { BookingAccount, BookingPageDefaults } from '../src/booking-pages/booking-pages.types';

const account: BookingAccount = {
  id: 'account-1',
  handle: 'megan.bowen@contoso.com',
  accountType: 'WORK_OR_SCHOOL',
  disconnecting: false,
  features: [{ feature: 'CALENDAR', granted: true, missingScopes: [] }],
  teamsMeetings: { available: true, reason: null },
  calendarChannel: { id: 'channel-1', calendars: [{ id: 'calendar-1', name: 'Calendar', isDefaultCalendar: true, isOwn: true }] },
};
const defaults: BookingPageDefaults = { timeZone: 'Europe/Paris', workingHours: [], busyCalendarIds: ['calendar-1'], teamsAvailable: true, teamsUnavailableReason: null };

describe('a booking page address derived from its title', () => {
  it('lowercases, spells letters in ASCII, and turns every run of other characters into one hyphen', () => {
    expect(slugFromTitle('Intro call')).toBe('intro-call');
    expect(slugFromTitle('  Café — Démo  & Q/A!  ')).toBe('cafe-demo-and-qa');
    expect(slugFromTitle('Rendez-vous 30 min')).toBe('rendez-vous-30-min');
    expect(slugFromTitle('Größe ÆØÅ')).toBe('grosse-aeoa');
    expect(slugFromTitle('intro_call')).toBe('intro-call');
    expect(slugFromTitle('日本語')).toBe('');
  });

  it('is cut at 60 characters without a trailing hyphen', () => {
    const slug = slugFromTitle(`${'a'.repeat(59)} b`);
    expect(slug).toBe('a'.repeat(59));
    expect(slugFromTitle('x'.repeat(80))).toHaveLength(60);
  });

  it('follows the title until the member edits the address, then stays', () => {
    let form = newBookingPageForm(account, defaults);
    form = withTitle(form, 'Intro call');
    expect(form.slug).toBe('intro-call');
    form = withTitle(form, 'Intro call, 30 minutes');
    expect(form.slug).toBe('intro-call-30-minutes');
    form = withSlug(form, 'Meet Megan');
    expect(form.slug).toBe('meet-megan');
    form = withTitle(form, 'Something else');
    expect(form.slug).toBe('meet-megan');
  });
});

describe('checking an address before the server does', () => {
  it('accepts 3–60 of lowercase letters, digits and hyphens', () => {
    expect(slugProblem('abc')).toBeNull();
    expect(slugProblem('intro-call-2')).toBeNull();
    expect(slugProblem('a'.repeat(60))).toBeNull();
  });

  it('names what is wrong otherwise', () => {
    expect(slugProblem('')).toBe('Choose an address for the page');
    expect(slugProblem('ab')).toBe('Use at least 3 characters');
    expect(slugProblem('a'.repeat(61))).toBe('Use at most 60 characters');
    expect(slugProblem('Intro')).toBe('Use only lowercase letters, digits and hyphens');
    expect(slugProblem('intro_call')).toBe('Use only lowercase letters, digits and hyphens');
    expect(slugProblem('café')).toBe('Use only lowercase letters, digits and hyphens');
    expect(slugProblem('-intro')).toBe('Start and end with a letter or digit');
    expect(slugProblem('intro-')).toBe('Start and end with a letter or digit');
    expect(slugProblem('intro--call')).toBe('Use single hyphens');
  });
});
