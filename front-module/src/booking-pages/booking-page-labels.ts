import { LOCATION_KINDS } from './booking-page-form';
import type { BookingPage } from './booking-pages.types';

export const durationLabel = (minutes: number) => (minutes < 60 || minutes % 60 !== 0 ? `${minutes} min` : `${minutes / 60} h`);

export const durationsLabel = (durations: number[]) => [...durations].sort((a, b) => a - b).map(durationLabel).join(', ');

/** "Teams meeting", "Phone call: +33 …": how the list names a page's location. */
export function locationLabel(page: Pick<BookingPage, 'locationKind' | 'locationDetail'>): string {
  const kind = LOCATION_KINDS.find((each) => each.kind === page.locationKind)?.label ?? page.locationKind;
  return page.locationDetail ? `${kind}: ${page.locationDetail}` : kind;
}

/** A booking's time for the member, in the browser's zone. */
export function bookingWhen(start: string, end: string): string {
  const from = new Date(start);
  const to = new Date(end);
  const day = from.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  const time = (date: Date) => date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return `${day} ${time(from)}–${time(to)}`;
}

export const bookingStatusLabel = (status: string) => (status === 'CONFIRMED' ? 'Confirmed' : status === 'CANCELLED' ? 'Cancelled' : 'Being booked');
