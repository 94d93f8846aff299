import { bookingStatusLabel, durationLabel, durationsLabel, locationLabel } from '../src/booking-pages/booking-page-labels';
import { timeZoneChoices } from '../src/booking-pages/time-zones';

describe('how the booking pages list words a page', () => {
  it('names durations in minutes, whole hours in hours, shortest first', () => {
    expect(durationLabel(45)).toBe('45 min');
    expect(durationLabel(60)).toBe('1 h');
    expect(durationLabel(90)).toBe('90 min');
    expect(durationsLabel([120, 30, 60])).toBe('30 min, 1 h, 2 h');
  });

  it('names the location with its detail', () => {
    expect(locationLabel({ locationKind: 'TEAMS', locationDetail: null })).toBe('Teams meeting');
    expect(locationLabel({ locationKind: 'IN_PERSON', locationDetail: '1 Microsoft Way' })).toBe('In person: 1 Microsoft Way');
  });

  it('names a booking still being made as such', () => {
    expect(bookingStatusLabel('CONFIRMED')).toBe('Confirmed');
    expect(bookingStatusLabel('CANCELLED')).toBe('Cancelled');
    expect(bookingStatusLabel('HELD')).toBe('Being booked');
  });
});

describe('the time zone choices', () => {
  it("are the runtime's IANA zones in order, with UTC and the page's own zone always among them", () => {
    const zones = timeZoneChoices('Etc/GMT+5');
    expect(zones).toContain('Europe/Paris');
    expect(zones).toContain('UTC');
    expect(zones).toContain('Etc/GMT+5');
    expect(zones).toEqual([...zones].sort((a, b) => a.localeCompare(b)));
    expect(new Set(zones).size).toBe(zones.length);
  });
});
