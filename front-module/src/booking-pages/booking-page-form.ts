import type { BookingAccount, BookingLocationKind, BookingPage, BookingPageDefaults, BookingPageInput } from './booking-pages.types';
import { slugFromTitle, slugProblem } from './slug';
import { periodsFromWeekHours, weekHoursFromPeriods, weekHoursProblems, type WeekHours } from './working-hours';

/** The editor's state. Numbers are kept as typed, so a field can be empty while the member edits it. */
export interface BookingPageForm {
  connectedAccountId: string;
  title: string;
  slug: string;
  /** False while the slug still follows the title. */
  slugEdited: boolean;
  description: string;
  durationsMinutes: number[];
  locationKind: BookingLocationKind;
  locationDetail: string;
  timeZone: string;
  week: WeekHours;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minimumNoticeMinutes: string;
  horizonDays: string;
  /** Empty: no daily cap. */
  dailyCap: string;
  busyCalendarIds: string[];
  enabled: boolean;
}

export type BookingFormField =
  | 'title'
  | 'description'
  | 'slug'
  | 'durationsMinutes'
  | 'location'
  | 'timeZone'
  | 'workingHours'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'minimumNoticeMinutes'
  | 'horizonDays'
  | 'dailyCap'
  | 'busyCalendarIds';

export type BookingFormProblems = Partial<Record<BookingFormField, string>>;

export const DURATION_MIN = 5;
export const DURATION_MAX = 480;
export const DURATION_CHOICES = [15, 30, 45, 60, 90, 120];
export const DURATIONS_MAX_COUNT = 8;
export const HORIZON_MAX_DAYS = 365;
const TITLE_MAX_LENGTH = 200;
const DESCRIPTION_MAX_LENGTH = 2000;
const DETAIL_MAX_LENGTH = 500;
const BUFFER_MAX_MINUTES = 240;
const NOTICE_MAX_MINUTES = 60 * 24 * 60;
const DAILY_CAP_MAX = 100;

export const LOCATION_KINDS: ReadonlyArray<{ kind: BookingLocationKind; label: string; detailLabel: string | null; placeholder: string }> = [
  { kind: 'TEAMS', label: 'Teams meeting', detailLabel: null, placeholder: '' },
  { kind: 'PHONE', label: 'Phone call', detailLabel: 'Phone number', placeholder: '+33 1 23 45 67 89' },
  { kind: 'IN_PERSON', label: 'In person', detailLabel: 'Address', placeholder: '12 rue de la Paix, Paris' },
  { kind: 'CUSTOM_LINK', label: 'Custom link', detailLabel: 'Meeting link', placeholder: 'https://meet.example.com/you' },
];

/** A new page for `account`: a 30-minute slot, Teams when the account can give it, the hours and calendar Outlook has. */
export function newBookingPageForm(account: BookingAccount, defaults: BookingPageDefaults): BookingPageForm {
  return {
    connectedAccountId: account.id,
    title: '',
    slug: '',
    slugEdited: false,
    description: '',
    durationsMinutes: [30],
    locationKind: defaults.teamsAvailable ? 'TEAMS' : 'PHONE',
    locationDetail: '',
    timeZone: defaults.timeZone,
    week: weekHoursFromPeriods(defaults.workingHours),
    bufferBeforeMinutes: '0',
    bufferAfterMinutes: '0',
    minimumNoticeMinutes: '240',
    horizonDays: '60',
    dailyCap: '',
    busyCalendarIds: [...defaults.busyCalendarIds],
    enabled: true,
  };
}

export function bookingPageFormFrom(page: BookingPage): BookingPageForm {
  return {
    connectedAccountId: page.connectedAccountId,
    title: page.title,
    slug: page.slug,
    slugEdited: true,
    description: page.description ?? '',
    durationsMinutes: [...page.durationsMinutes].sort((a, b) => a - b),
    locationKind: page.locationKind,
    locationDetail: page.locationDetail ?? '',
    timeZone: page.timeZone,
    week: weekHoursFromPeriods(page.workingHours),
    bufferBeforeMinutes: String(page.bufferBeforeMinutes),
    bufferAfterMinutes: String(page.bufferAfterMinutes),
    minimumNoticeMinutes: String(page.minimumNoticeMinutes),
    horizonDays: String(page.horizonDays),
    dailyCap: page.dailyCap === null ? '' : String(page.dailyCap),
    busyCalendarIds: [...page.busyCalendarIds],
    enabled: page.enabled,
  };
}

/** The title changes; the slug follows it until the member edits the slug. */
export const withTitle = (form: BookingPageForm, title: string): BookingPageForm => ({ ...form, title, slug: form.slugEdited ? form.slug : slugFromTitle(title) });

/** The member types a slug: it stops following the title; spaces and capitals become what the address allows. */
export const withSlug = (form: BookingPageForm, slug: string): BookingPageForm => ({ ...form, slug: slug.toLowerCase().replace(/\s+/g, '-'), slugEdited: true });

export function toggleDuration(form: BookingPageForm, minutes: number): BookingPageForm {
  const has = form.durationsMinutes.includes(minutes);
  const durationsMinutes = has ? form.durationsMinutes.filter((each) => each !== minutes) : [...form.durationsMinutes, minutes].sort((a, b) => a - b);
  return { ...form, durationsMinutes };
}

const wholeNumber = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

function numberProblem(text: string, label: string, min: number, max: number): string | null {
  const value = wholeNumber(text);
  if (value === null) return `${label}: enter a whole number`;
  if (value < min || value > max) return `${label}: between ${min} and ${max}`;
  return null;
}

export function durationProblem(minutes: number): string | null {
  return Number.isInteger(minutes) && minutes >= DURATION_MIN && minutes <= DURATION_MAX ? null : `A duration is ${DURATION_MIN} to ${DURATION_MAX} minutes`;
}

function locationProblem(form: BookingPageForm): string | null {
  const detail = form.locationDetail.trim();
  if (form.locationKind !== 'TEAMS' && detail.length > DETAIL_MAX_LENGTH) return `Use at most ${DETAIL_MAX_LENGTH} characters`;
  switch (form.locationKind) {
    case 'TEAMS':
      return null;
    case 'PHONE':
      return /^\+?[\d\s().-]{6,}$/.test(detail) ? null : 'Enter the phone number guests call';
    case 'IN_PERSON':
      return detail ? null : 'Enter the address where you meet';
    case 'CUSTOM_LINK':
      return /^https:\/\/[^\s/]+\.[^\s]+$/i.test(detail) ? null : 'Enter the meeting link, starting with https://';
  }
}

/** Everything the editor can check before asking the server, per field. */
export function bookingFormProblems(form: BookingPageForm, calendarIds: readonly string[]): BookingFormProblems {
  const problems: BookingFormProblems = {};
  const title = form.title.trim();
  if (!title) problems.title = 'Give the page a title';
  else if (title.length > TITLE_MAX_LENGTH) problems.title = `Use at most ${TITLE_MAX_LENGTH} characters`;
  if (form.description.trim().length > DESCRIPTION_MAX_LENGTH) problems.description = `Use at most ${DESCRIPTION_MAX_LENGTH} characters`;
  const slug = slugProblem(form.slug);
  if (slug) problems.slug = slug;
  if (form.durationsMinutes.length === 0) problems.durationsMinutes = 'Choose at least one duration';
  else if (form.durationsMinutes.length > DURATIONS_MAX_COUNT) problems.durationsMinutes = `Offer at most ${DURATIONS_MAX_COUNT} durations`;
  else {
    const bad = form.durationsMinutes.map(durationProblem).find(Boolean);
    if (bad) problems.durationsMinutes = bad;
  }
  const location = locationProblem(form);
  if (location) problems.location = location;
  if (!form.timeZone) problems.timeZone = 'Choose a time zone';
  const hours = weekHoursProblems(form.week);
  const hoursProblem = Object.values(hours.days)[0] ?? hours.overall;
  if (hoursProblem) problems.workingHours = hoursProblem;
  const numbers: Array<[BookingFormField, string, string, number, number]> = [
    ['bufferBeforeMinutes', form.bufferBeforeMinutes, 'Buffer before', 0, BUFFER_MAX_MINUTES],
    ['bufferAfterMinutes', form.bufferAfterMinutes, 'Buffer after', 0, BUFFER_MAX_MINUTES],
    ['minimumNoticeMinutes', form.minimumNoticeMinutes, 'Minimum notice', 0, NOTICE_MAX_MINUTES],
    ['horizonDays', form.horizonDays, 'Booking horizon', 1, HORIZON_MAX_DAYS],
  ];
  for (const [field, text, label, min, max] of numbers) {
    const problem = numberProblem(text, label, min, max);
    if (problem) problems[field] = problem;
  }
  if (form.dailyCap.trim()) {
    const problem = numberProblem(form.dailyCap, 'Daily limit', 1, DAILY_CAP_MAX);
    if (problem) problems.dailyCap = problem;
  }
  if (form.busyCalendarIds.length === 0) problems.busyCalendarIds = 'Choose at least one calendar that counts as busy';
  else if (form.busyCalendarIds.some((id) => !calendarIds.includes(id))) problems.busyCalendarIds = 'A chosen calendar is not one of the account’s';
  return problems;
}

/** The contract's input for a form without problems. */
export function bookingPageInput(form: BookingPageForm): BookingPageInput {
  const detail = form.locationDetail.trim();
  return {
    connectedAccountId: form.connectedAccountId,
    title: form.title.trim(),
    slug: form.slug,
    description: form.description.trim() || null,
    durationsMinutes: form.durationsMinutes,
    locationKind: form.locationKind,
    locationDetail: form.locationKind === 'TEAMS' ? null : detail,
    timeZone: form.timeZone,
    workingHours: periodsFromWeekHours(form.week),
    bufferBeforeMinutes: Number(form.bufferBeforeMinutes),
    bufferAfterMinutes: Number(form.bufferAfterMinutes),
    minimumNoticeMinutes: Number(form.minimumNoticeMinutes),
    horizonDays: Number(form.horizonDays),
    dailyCap: form.dailyCap.trim() ? Number(form.dailyCap) : null,
    busyCalendarIds: form.busyCalendarIds,
    enabled: form.enabled,
  };
}

/** A saved page's input as it stands, e.g. to flip `enabled` from the list. */
export const bookingPageInputOf = (page: BookingPage): BookingPageInput => bookingPageInput(bookingPageFormFrom(page));

/**
 * Which field a server refusal is about. The server names the field in plain words ("That address is taken: pick
 * another slug"); the most specific words are looked for first.
 */
export function fieldOfServerError(message: string): BookingFormField | null {
  const text = message.toLowerCase();
  const rules: Array<[RegExp, BookingFormField]> = [
    [/slug|address is taken/, 'slug'],
    [/time ?zone/, 'timeZone'],
    [/calendar/, 'busyCalendarIds'],
    [/duration/, 'durationsMinutes'],
    [/working hours|weekday|\bends? (before|after)|start/, 'workingHours'],
    [/buffer after/, 'bufferAfterMinutes'],
    [/buffer/, 'bufferBeforeMinutes'],
    [/notice/, 'minimumNoticeMinutes'],
    [/horizon/, 'horizonDays'],
    [/daily|cap\b/, 'dailyCap'],
    [/location|phone|address|link|teams/, 'location'],
    [/title/, 'title'],
    [/description/, 'description'],
  ];
  return rules.find(([pattern]) => pattern.test(text))?.[1] ?? null;
}
