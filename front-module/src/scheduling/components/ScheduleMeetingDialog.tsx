import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import type { Recipient } from '../../compose/compose.types';
import { RecipientField } from '../../compose/components/RecipientField';
import { localDate, localInstant, localTime } from '../day-grid';
import { AVAILABILITY_QUERY, FIND_MEETING_TIMES_QUERY, SCHEDULE_MEETING_MUTATION } from '../scheduling.documents';
import type { MeetingSlot, PersonAvailability, ScheduledMeeting, SchedulingAccount } from '../scheduling.types';
import { AvailabilityGrid } from './AvailabilityGrid';

interface ScheduleMeetingDialogProps {
  host: FrontHost;
  account: SchedulingAccount;
  attendees: Recipient[];
  subject: string;
  onClose(): void;
}

const DURATIONS = [15, 30, 45, 60, 90, 120];
const AVAILABILITY_DEBOUNCE_MS = 250;
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The next half hour from now, as the dialog's first proposal. */
function nextHalfHour(): Date {
  const now = new Date();
  now.setSeconds(0, 0);
  now.setMinutes(now.getMinutes() < 30 ? 30 : 60);
  return now;
}

const slotLabel = (slot: MeetingSlot) => {
  const start = new Date(slot.start);
  return `${start.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${localTime(start)}–${localTime(new Date(slot.end))}`;
};

/**
 * "Schedule meeting": when, how long, who; the day's free/busy of everyone Outlook knows, a "Find a time" that
 * proposes the next common free slots, a Teams toggle (work accounts only); Create makes the Outlook event.
 */
export function ScheduleMeetingDialog({ host, account, attendees: initialAttendees, subject: initialSubject, onClose }: ScheduleMeetingDialogProps) {
  const first = nextHalfHour();
  const [subject, setSubject] = useState(initialSubject);
  const [date, setDate] = useState(localDate(first));
  const [time, setTime] = useState(localTime(first));
  const [duration, setDuration] = useState(30);
  const [attendees, setAttendees] = useState<Recipient[]>(initialAttendees);
  const teams = account.teamsMeetings;
  const [teamsMeeting, setTeamsMeeting] = useState(teams.available);
  const [location, setLocation] = useState('');
  const [body, setBody] = useState('');
  const [people, setPeople] = useState<PersonAvailability[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [gridError, setGridError] = useState<string | null>(null);
  const [slots, setSlots] = useState<MeetingSlot[] | null>(null);
  const [finding, setFinding] = useState(false);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ScheduledMeeting | null>(null);
  // One meeting per dialog: a retry after a lost answer gets the one Outlook made.
  const [idempotencyKey] = useState(() => globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`);

  const start = date && time ? localInstant(date, time) : null;
  const end = start ? new Date(start.getTime() + duration * 60_000) : null;
  const addresses = attendees.map((attendee) => attendee.address.toLowerCase());
  const addressKey = addresses.join(',');

  useEffect(() => {
    if (!date) return;
    const abort = new AbortController();
    const dayStart = localInstant(date, '00:00');
    const dayEnd = new Date(dayStart);
    dayEnd.setDate(dayEnd.getDate() + 1);
    const timer = setTimeout(async () => {
      setLoading(true);
      try {
        const data = await host.graphql<{ microsoftAvailability: PersonAvailability[] }>(
          AVAILABILITY_QUERY,
          { connectedAccountId: account.id, start: dayStart.toISOString(), end: dayEnd.toISOString(), attendeeEmails: addressKey ? addressKey.split(',') : [], intervalMinutes: 15 },
          { signal: abort.signal },
        );
        if (!abort.signal.aborted) {
          setPeople(data.microsoftAvailability);
          setGridError(null);
        }
      } catch (failure) {
        if (!abort.signal.aborted) setGridError(`Availability not shown: ${message(failure)}`);
      } finally {
        if (!abort.signal.aborted) setLoading(false);
      }
    }, AVAILABILITY_DEBOUNCE_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [host, account.id, date, addressKey]);

  const findTime = async () => {
    setFinding(true);
    setError(null);
    try {
      // From the chosen day on, never from the past.
      const now = new Date();
      const dayStart = localInstant(date, '00:00');
      const from = dayStart > now ? dayStart : now;
      const data = await host.graphql<{ microsoftFindMeetingTimes: MeetingSlot[] }>(FIND_MEETING_TIMES_QUERY, {
        connectedAccountId: account.id, durationMinutes: duration, attendeeEmails: addresses, from: from.toISOString(), count: 5,
      });
      setSlots(data.microsoftFindMeetingTimes);
    } catch (failure) {
      setError(message(failure));
    } finally {
      setFinding(false);
    }
  };

  const pick = (slot: MeetingSlot) => {
    const slotStart = new Date(slot.start);
    setDate(localDate(slotStart));
    setTime(localTime(slotStart));
  };

  const create = async () => {
    if (!start || !end) return;
    setCreating(true);
    setError(null);
    try {
      const data = await host.graphql<{ scheduleMicrosoftMeeting: ScheduledMeeting }>(SCHEDULE_MEETING_MUTATION, {
        input: {
          connectedAccountId: account.id, subject: subject.trim(), start: start.toISOString(), end: end.toISOString(), timeZone: browserZone(),
          attendeeEmails: addresses, teamsMeeting: teams.available && teamsMeeting, body: body.trim() || null, location: location.trim() || null, idempotencyKey,
        },
      });
      setCreated(data.scheduleMicrosoftMeeting);
    } catch (failure) {
      setError(message(failure));
    } finally {
      setCreating(false);
    }
  };

  useEffect(() => {
    // Esc closes wherever the focus is (a button that went away after its click leaves it on the page).
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="m365-composer-backdrop m365-schedule-backdrop">
      <div className="m365-composer m365-schedule" role="dialog" aria-modal="true" aria-label="Schedule meeting" data-testid="schedule-dialog">
        <header className="m365-composer-header">
          <h2>Schedule meeting</h2>
          <span className="m365-muted">From {account.handle}</span>
          <button type="button" className="m365-icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {created ? (
          <div className="m365-composer-body" data-testid="schedule-created">
            <p>
              <strong>{created.subject}</strong> is in your Outlook calendar; invitations went to {created.attendeeEmails.length} attendee{created.attendeeEmails.length === 1 ? '' : 's'}.
            </p>
            {created.joinUrl && (
              <p>
                Teams: <a href={created.joinUrl} target="_blank" rel="noopener noreferrer" data-testid="schedule-join-url">{created.joinUrl}</a>
              </p>
            )}
            <footer className="m365-schedule-footer">
              <button type="button" className="m365-button m365-button-primary" onClick={onClose}>
                Done
              </button>
            </footer>
          </div>
        ) : (
          <div className="m365-composer-body">
            <input className="m365-subject" aria-label="Title" placeholder="Title" value={subject} onChange={(event) => setSubject(event.target.value)} />
            <div className="m365-schedule-when">
              <label>
                Date <input type="date" value={date} onChange={(event) => setDate(event.target.value)} data-testid="schedule-date" />
              </label>
              <label>
                Start <input type="time" step={300} value={time} onChange={(event) => setTime(event.target.value)} data-testid="schedule-time" />
              </label>
              <label>
                Duration{' '}
                <select value={duration} onChange={(event) => setDuration(Number(event.target.value))} data-testid="schedule-duration">
                  {DURATIONS.map((minutes) => (
                    <option key={minutes} value={minutes}>
                      {minutes < 60 ? `${minutes} min` : `${minutes / 60} h`}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <RecipientField host={host} label="Attendees" recipients={attendees} onChange={setAttendees} connectedAccountId={account.id} />
            <AvailabilityGrid date={date} people={people} organiser={account.handle.toLowerCase()} meeting={start && end ? { start, end } : null} loading={loading} error={gridError} />
            <div className="m365-schedule-find">
              <button type="button" className="m365-button m365-button-secondary" disabled={finding} onClick={() => void findTime()} data-testid="schedule-find-time">
                {finding ? 'Finding…' : 'Find a time'}
              </button>
              {slots && slots.length === 0 && <span className="m365-muted">No common free time in everyone’s working hours in the next two weeks.</span>}
              {slots?.map((slot) => (
                <button key={slot.start} type="button" className="m365-button m365-button-small m365-button-secondary" onClick={() => pick(slot)} data-testid="schedule-slot">
                  {slotLabel(slot)}
                </button>
              ))}
            </div>
            <label className={`m365-schedule-teams${teams.available ? '' : ' is-disabled'}`} title={teams.reason ?? undefined}>
              <input type="checkbox" checked={teams.available && teamsMeeting} disabled={!teams.available} onChange={(event) => setTeamsMeeting(event.target.checked)} data-testid="schedule-teams" />
              Teams meeting
              {!teams.available && <span className="m365-muted" data-testid="schedule-teams-reason"> — {teams.reason}</span>}
            </label>
            <input className="m365-subject" aria-label="Location" placeholder="Location (optional)" value={location} onChange={(event) => setLocation(event.target.value)} />
            <textarea className="m365-schedule-notes" aria-label="Notes" placeholder="Notes for the invitation (optional)" value={body} onChange={(event) => setBody(event.target.value)} rows={3} />
            {error && <p className="m365-form-error" role="alert">{error}</p>}
            <footer className="m365-schedule-footer">
              <button type="button" className="m365-button m365-button-primary" disabled={creating || !subject.trim() || !start} onClick={() => void create()} data-testid="schedule-create">
                {creating ? 'Creating…' : 'Create'}
              </button>
              <button type="button" className="m365-button m365-button-secondary" onClick={onClose}>
                Cancel
              </button>
            </footer>
          </div>
        )}
      </div>
    </div>
  );
}
