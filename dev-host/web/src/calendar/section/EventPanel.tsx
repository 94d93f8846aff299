import { useEffect, useState } from 'react';
import type { WritableCalendar } from './calendar-lookup';
import { formFromEvent, toEventInput, toEventPatch, withFullDay, type EventForm } from './event-form';
import { viewerTimeZone } from './local-time';
import { createSectionEvent, deleteSectionEvent, updateSectionEvent } from './section-api';
import type { EditScope, SectionEvent } from './section.types';

export type PanelTarget = { mode: 'create'; form: EventForm } | { mode: 'edit'; event: SectionEvent };

interface EventPanelProps {
  target: PanelTarget;
  /** Why the event cannot be changed from the CRM (edit mode), or null. */
  readOnlyReason: string | null;
  /** The state of the last change sent to Outlook, when it needs saying. */
  writeNote: { tone: 'info' | 'error'; text: string } | null;
  calendars: WritableCalendar[];
  onClose(): void;
  /** After a write the server accepted: the section reads its range again. */
  onChanged(): void;
}

const errorText = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/** The right-hand drawer: a new event's form, or an event's details, editable unless it is read only. */
export function EventPanel({ target, readOnlyReason, writeNote, calendars, onClose, onChanged }: EventPanelProps) {
  const original = target.mode === 'edit' ? formFromEvent(target.event) : target.form;
  const [form, setForm] = useState<EventForm>(original);
  const [calendarIndex, setCalendarIndex] = useState(0);
  const [scope, setScope] = useState<EditScope>('THIS_EVENT');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const event = target.mode === 'edit' ? target.event : null;
  const isOccurrence = Boolean(event?.recurringEventExternalId);
  const readOnly = readOnlyReason !== null;

  useEffect(() => {
    const onKey = (keyEvent: KeyboardEvent) => keyEvent.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const run = async (write: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await write();
      onChanged();
      onClose();
    } catch (cause) {
      setError(errorText(cause));
    } finally {
      setBusy(false);
    }
  };

  const save = () => {
    const timeZone = viewerTimeZone();
    if (!event) {
      const input = toEventInput(form, timeZone);
      if ('error' in input) return setError(input.error);
      const destination = calendars[calendarIndex];
      if (!destination) return setError('Connect a Microsoft account with an editable calendar to create events.');
      return void run(() => createSectionEvent(destination.calendarChannelId, destination.calendar.externalId, input));
    }
    const patch = toEventPatch(original, form, timeZone);
    if ('error' in patch) return setError(patch.error);
    if (Object.keys(patch).length === 0) return onClose();
    return void run(() => updateSectionEvent(event.id, scope, patch));
  };

  const remove = () => event && void run(() => deleteSectionEvent(event.id, scope));
  const field = <K extends keyof EventForm>(key: K) => (value: EventForm[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const title = event ? (readOnly ? 'Event' : 'Edit event') : 'New event';

  return (
    <aside className="side-panel calendar-event-panel" data-testid="event-panel" data-mode={target.mode} aria-label={title}>
      <header className="side-panel-header">
        <h2>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose} data-testid="event-panel-close">
          ×
        </button>
      </header>
      <form
        className="side-panel-body"
        onSubmit={(submitEvent) => {
          submitEvent.preventDefault();
          save();
        }}
      >
        {readOnlyReason && (
          <p className="calendar-read-only-reason" data-testid="event-read-only-reason">
            {readOnlyReason}
          </p>
        )}
        {writeNote && (
          <p className={writeNote.tone === 'error' ? 'form-error' : 'muted'} data-testid="event-write-state">
            {writeNote.text}
          </p>
        )}
        <fieldset className="calendar-event-fields" disabled={readOnly || busy}>
          <label className="field">
            Title
            <input value={form.title} onChange={(change) => field('title')(change.target.value)} placeholder="Add a title" autoFocus data-testid="event-title" />
          </label>
          <label className="calendar-checkbox">
            <input type="checkbox" checked={form.isFullDay} onChange={(change) => setForm((previous) => withFullDay(previous, change.target.checked))} data-testid="event-all-day" />
            All day
          </label>
          <div className="calendar-event-times">
            <label className="field">
              {form.isFullDay ? 'First day' : 'Starts'}
              <input type={form.isFullDay ? 'date' : 'datetime-local'} value={form.start} onChange={(change) => field('start')(change.target.value)} data-testid="event-start" />
            </label>
            <label className="field">
              {form.isFullDay ? 'Last day' : 'Ends'}
              <input type={form.isFullDay ? 'date' : 'datetime-local'} value={form.end} onChange={(change) => field('end')(change.target.value)} data-testid="event-end" />
            </label>
          </div>
          <label className="field">
            Location
            <input value={form.location} onChange={(change) => field('location')(change.target.value)} data-testid="event-location" />
          </label>
          <label className="field">
            Attendees
            <input value={form.attendees} onChange={(change) => field('attendees')(change.target.value)} placeholder="Email addresses, separated by commas" data-testid="event-attendees" />
          </label>
          <label className="field">
            Description
            <textarea rows={4} value={form.description} onChange={(change) => field('description')(change.target.value)} data-testid="event-description" />
          </label>
          {!event && (
            <label className="field">
              Calendar
              <select value={calendarIndex} onChange={(change) => setCalendarIndex(Number(change.target.value))} data-testid="event-calendar">
                {calendars.map((each, index) => (
                  <option key={`${each.calendarChannelId}-${each.calendar.externalId}`} value={index}>
                    {each.calendar.name} ({each.handle})
                  </option>
                ))}
              </select>
            </label>
          )}
          {isOccurrence && (
            <div className="calendar-scope" role="radiogroup" aria-label="Apply to" data-testid="event-scope">
              <span className="muted">This event is part of a series. Apply to:</span>
              <label className="calendar-checkbox">
                <input type="radio" name="scope" checked={scope === 'THIS_EVENT'} onChange={() => setScope('THIS_EVENT')} data-testid="event-scope-this" />
                This event
              </label>
              <label className="calendar-checkbox">
                <input type="radio" name="scope" checked={scope === 'ALL_EVENTS'} onChange={() => setScope('ALL_EVENTS')} data-testid="event-scope-all" />
                All events
              </label>
            </div>
          )}
        </fieldset>
        {event && <EventDetails event={event} />}
        {error && (
          <p className="form-error" data-testid="event-panel-error">
            {error}
          </p>
        )}
        {!readOnly && (
          <div className="calendar-panel-actions">
            <button type="submit" className="button button-primary" disabled={busy} data-testid="event-save">
              {busy ? 'Saving…' : event ? 'Save' : 'Create'}
            </button>
            {event && (
              <button type="button" className="button button-secondary calendar-delete" disabled={busy} onClick={remove} data-testid="event-delete">
                Delete
              </button>
            )}
          </div>
        )}
      </form>
    </aside>
  );
}

const RESPONSES: Record<SectionEvent['participants'][number]['responseStatus'], string> = { ACCEPTED: 'Accepted', DECLINED: 'Declined', TENTATIVE: 'Maybe', NEEDS_ACTION: 'No answer' };

/** What the form does not edit: the organizer, the answers, the Teams link. */
function EventDetails({ event }: { event: SectionEvent }) {
  return (
    <div className="calendar-event-details" data-testid="event-details">
      {event.conferenceLinkUrl && (
        <a className="calendar-event-link" href={event.conferenceLinkUrl} target="_blank" rel="noreferrer" data-testid="event-join-link">
          Join Teams meeting
        </a>
      )}
      {event.organizerName && <p className="muted">Organizer: {event.isOrganizer ? 'you' : event.organizerName}</p>}
      {event.participants.length > 0 && (
        <ul className="calendar-participants">
          {event.participants.map((participant) => (
            <li key={participant.handle} className={`calendar-participant response-${participant.responseStatus.toLowerCase()}`}>
              {participant.displayName}
              <span className="calendar-response">{RESPONSES[participant.responseStatus]}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
