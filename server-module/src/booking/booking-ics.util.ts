import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface BookingInvitation {
  method: 'REQUEST' | 'CANCEL';
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
  joinUrl: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** When the invitation was written (DTSTAMP). */
  stamp: Date;
}

/**
 * The booking as an iCalendar invitation (RFC 5546 iTIP): REQUEST for a new or moved meeting, CANCEL for a
 * cancelled one, one UID for its whole life and a SEQUENCE that rises with each change. Times are in UTC.
 */
export function bookingIcs(invitation: BookingInvitation): string {
  const calendar = ical({
    prodId: { company: 'm365-crm-plugin', product: 'booking-pages', language: 'EN' },
    method: invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: invitation.uid,
    sequence: invitation.sequence,
    stamp: invitation.stamp,
    start: invitation.start,
    end: invitation.end,
    summary: invitation.summary,
    description: invitation.description,
    location: invitation.location ?? invitation.joinUrl,
    url: invitation.joinUrl,
    status: invitation.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: invitation.organizer.name, email: invitation.organizer.email },
    attendees: [
      {
        name: invitation.attendee.name,
        email: invitation.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: invitation.method === 'CANCEL' ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  return calendar.toString();
}
