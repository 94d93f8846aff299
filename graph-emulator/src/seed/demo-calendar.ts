import { expand } from '../calendar/event-instances.js';
import { createEvent, deleteEvent, updateEvent } from '../calendar/event-writes.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';
import { DEMO_DIRECTORY } from './demo-directory.js';

export interface DemoCalendarOptions {
  /** ISO date the calendar is laid around (default: now, fixed when the emulator starts). */
  today?: string;
  /** The zone the meetings are set in (Windows or IANA name; default Pacific Standard Time). */
  timeZone?: string;
}

export interface DemoCalendarResult {
  user: string;
  calendars: number;
  events: number;
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The Monday of the week `ms` falls in, as `yyyy-MM-dd`. */
function mondayOf(ms: number): string {
  const day = new Date(ms).getUTCDay();
  return isoDate(ms - ((day + 6) % 7) * 86_400_000);
}

const plusDays = (date: string, days: number) => isoDate(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);

/**
 * A realistic calendar for a demo user, around `today`: a daily stand-up and a weekly 1:1 (with an exception and a
 * cancelled occurrence), a monthly customer review on the first Tuesday, customer meetings with the demo directory's
 * people (one a Teams meeting), an all-day offsite, and a team calendar shared with the user (read-only).
 */
export function seedDemoCalendar(store: EmulatorStore, user: UserRecord, today = Date.now(), timeZone = 'Pacific Standard Time'): DemoCalendarResult {
  const calendar = store.calendar.defaultCalendar(user.id);
  const colleagues = store.listUsers(user.tenantId).filter((other) => other.id !== user.id);
  const customers = DEMO_DIRECTORY.people.filter((person) => !person.email.endsWith(`@${user.userPrincipalName.split('@')[1]}`));
  const monday = mondayOf(today - 28 * 86_400_000);
  const at = (date: string, time: string) => ({ dateTime: `${date}T${time}:00`, timeZone });
  const attendee = (name: string, address: string) => ({ type: 'required', emailAddress: { name, address } });
  const make = (body: Record<string, unknown>, target = calendar) => createEvent(store, user, target, body, { asOutlook: true }).record;
  let events = 0;

  // The tenant's admin runs the stand-up; the others have it as an invitation.
  if (user.isAdmin) make({
    subject: 'Team stand-up', start: at(monday, '09:30'), end: at(monday, '09:45'), isOnlineMeeting: true,
    attendees: colleagues.map((colleague) => attendee(colleague.displayName, colleague.mail ?? colleague.userPrincipalName)),
    recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: WEEKDAYS, firstDayOfWeek: 'monday' }, range: { type: 'noEnd', startDate: monday } },
  });
  if (user.isAdmin) events += 1;
  const partner = colleagues[0];
  // A meeting between two demo users is organised by one of them: whoever is seeded second has it as an invitation.
  const invitedBy = (other: string, subjectStart: string) =>
    store.calendar.listEvents(user.id).some((event) => event.organizer.address.toLowerCase() === other.toLowerCase() && event.subject.startsWith(subjectStart));
  const organises = (other: string, subjectStart: string) => !invitedBy(other, subjectStart);
  if (partner && organises(partner.mail ?? partner.userPrincipalName, '1:1')) {
    const oneOnOne = make({
      subject: `1:1 ${user.givenName} / ${partner.givenName}`, start: at(plusDays(monday, 2), '14:00'), end: at(plusDays(monday, 2), '14:30'),
      attendees: [attendee(partner.displayName, partner.mail ?? partner.userPrincipalName)],
      recurrence: { pattern: { type: 'weekly', interval: 1, daysOfWeek: ['wednesday'] }, range: { type: 'noEnd', startDate: plusDays(monday, 2) } },
    });
    events += 1;
    // Outlook-side history: the second 1:1 moved by an hour (an exception), the third cancelled.
    const [, second, third] = expand(store.calendar.getEvent(user.id, oneOnOne.id)!, Date.parse(`${monday}T00:00:00Z`), Date.parse(`${monday}T00:00:00Z`) + 30 * 86_400_000);
    if (second && third) {
      const day = second.content.start.dateTime.slice(0, 10);
      updateEvent(store, user, second.id, { start: at(day, '15:00'), end: at(day, '15:30') }, undefined, { asOutlook: true });
      deleteEvent(store, user, third.id, { asOutlook: true });
    }
  }
  const firstOfMonth = `${monday.slice(0, 8)}01`;
  const customer = customers[0];
  if (customer && organises(customer.email, 'Monthly review')) {
    const firstTuesday = plusDays(firstOfMonth, (9 - new Date(`${firstOfMonth}T00:00:00Z`).getUTCDay()) % 7);
    make({
      subject: `Monthly review with ${customer.companyDomain}`, start: at(firstTuesday, '11:00'), end: at(firstTuesday, '12:00'),
      location: { displayName: 'Conference room 4' }, attendees: [attendee(`${customer.firstName} ${customer.lastName}`, customer.email)],
      recurrence: { pattern: { type: 'relativeMonthly', interval: 1, daysOfWeek: ['tuesday'], index: 'first' }, range: { type: 'numbered', startDate: firstTuesday, numberOfOccurrences: 12 } },
    });
    events += 1;
  }
  customers.slice(1, 9).forEach((person, index) => {
    const date = plusDays(monday, 1 + index * 4);
    make({
      subject: `Call with ${person.firstName} ${person.lastName}`, start: at(date, '15:00'), end: at(date, '15:45'),
      body: { contentType: 'text', content: `Agenda: next steps with ${person.companyDomain}.` },
      attendees: [attendee(`${person.firstName} ${person.lastName}`, person.email)], isOnlineMeeting: index % 2 === 0,
      ...(index === 3 ? { sensitivity: 'private' } : {}),
    });
    events += 1;
  });
  make({ subject: 'Company offsite', isAllDay: true, showAs: 'oof', start: at(plusDays(monday, 32), '00:00'), end: at(plusDays(monday, 34), '00:00') });
  events += 1;

  let calendars = 1;
  const sharer = colleagues[1] ?? partner;
  if (sharer && !store.calendar.listCalendars(user.id).some((entry) => entry.name === 'Team')) {
    const team = store.calendar.addCalendar(user.id, { name: 'Team', color: 'lightBlue', hexColor: '#5b9bd5', sharedBy: { name: sharer.displayName, address: sharer.mail ?? sharer.userPrincipalName } });
    calendars += 1;
    for (const [offset, subject] of [[3, 'Release planning'], [10, 'Sprint demo'], [17, 'Retrospective']] as const) {
      make({ subject, start: at(plusDays(monday, offset), '13:00'), end: at(plusDays(monday, offset), '14:00') }, team);
      events += 1;
    }
  }
  return { user: user.userPrincipalName, calendars, events };
}

/** The demo calendar for every work account of the demo tenants (personal accounts keep an empty calendar). */
export function seedDemoCalendars(store: EmulatorStore, options: DemoCalendarOptions = {}): DemoCalendarResult[] {
  const today = options.today ? Date.parse(options.today) : Date.now();
  return store.listUsers()
    .filter((user) => store.findTenant(user.tenantId)?.kind !== 'personal')
    .map((user) => seedDemoCalendar(store, user, today, options.timeZone));
}
