import type { BookingFormField } from './booking-page-form';

/** The editor's element each field's problems are about (its FormField's `data-field`). */
const FIELD_IDS: Record<BookingFormField, string> = {
  title: 'booking-title',
  description: 'booking-description',
  slug: 'booking-slug',
  durationsMinutes: 'booking-durations',
  location: 'booking-location',
  timeZone: 'booking-time-zone',
  workingHours: 'booking-hours',
  bufferBeforeMinutes: 'booking-bufferBeforeMinutes',
  bufferAfterMinutes: 'booking-bufferAfterMinutes',
  minimumNoticeMinutes: 'booking-minimumNoticeMinutes',
  horizonDays: 'booking-horizonDays',
  dailyCap: 'booking-dailyCap',
  busyCalendarIds: 'booking-calendars',
};

/** Moves the keyboard to the first control of the field a problem is about. */
export const focusField = (field: BookingFormField) =>
  document.querySelector<HTMLElement>(`[data-field="${FIELD_IDS[field]}"] :is(input:not(:disabled), select, textarea)`)?.focus();
