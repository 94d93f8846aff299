import type { Request, Response } from 'express';
import { AdminError, GraphError } from '../errors/error-factory.js';
import { asInstance, expand, instantOf } from '../calendar/event-instances.js';
import { calendarJson, eventJson, UTC_SHAPE } from '../calendar/event-shape.js';
import { createEvent, deleteEvent, resolveEvent, updateEvent } from '../calendar/event-writes.js';
import { respondToEvent, type Reply } from '../calendar/meeting-responses.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { EventRecord, NewCalendarInput } from '../store/calendar/calendar-records.js';
import type { UserRecord } from '../store/emulator-records.js';
import { seedDemoCalendar } from '../seed/demo-calendar.js';
import { asOutlook, userOf } from './admin-lookups.js';

type UserParams = { user: string };
type EventParams = { user: string; id: string };

/** `GET /_admin/mailboxes/:user/calendars` */
export function listCalendarsHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    res.json({ user: user.userPrincipalName, calendars: store.calendar.listCalendars(user.id).map((calendar) => calendarJson(calendar)) });
  };
}

/** `POST /_admin/mailboxes/:user/calendars` `{name, color?, hexColor?, sharedBy?: {name, address}, canEdit?}` → 201 */
export function createCalendarHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const body = (req.body ?? {}) as NewCalendarInput;
    if (body.sharedBy !== undefined && (typeof body.sharedBy?.address !== 'string' || typeof body.sharedBy?.name !== 'string')) {
      throw new AdminError(400, 'sharedBy must be {name, address}');
    }
    res.status(201).json(calendarJson(store.calendar.addCalendar(user.id, body)));
  };
}

/** `PATCH /_admin/mailboxes/:user/calendars/:id` `{canEdit}`: the owner of a shared calendar changes the user's right to edit it. */
export function updateCalendarHandler(store: EmulatorStore) {
  return (req: Request<EventParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const canEdit = (req.body ?? {}).canEdit;
    if (typeof canEdit !== 'boolean') throw new AdminError(400, 'canEdit must be a boolean');
    const calendar = store.calendar.setCalendarCanEdit(user.id, req.params.id, canEdit);
    if (!calendar) throw new AdminError(404, `no calendar ${req.params.id}`);
    res.json(calendarJson(calendar));
  };
}

/**
 * `POST /_admin/mailboxes/:user/events` `{calendarId?, organizer?, ...a Graph event body}` → 201: an event made in
 * Outlook (any of the user's calendars, shared ones included), in UTC; `organizer` makes it a meeting someone else
 * organized (`isOrganizer: false`). `{events: [...]}` makes many at once (for seeding)
 * and answers `{events: [{id, type, iCalUId}]}`; the first bad one stops it with its error and index. A series in
 * the bulk form may carry `occurrenceEdits: [{occurrence: n, patch?: {...}, cancel?: true}]`: its n-th occurrence
 * (0-based, in the pattern's order) made an exception or cancelled, as if edited in Outlook afterwards.
 */
export function createEventHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const make = (input: unknown) => {
      const { calendarId, organizer, ...body } = (input ?? {}) as { calendarId?: string; organizer?: { emailAddress?: { name?: unknown; address?: unknown } } } & Record<string, unknown>;
      const calendar = calendarId ? store.calendar.getCalendar(user.id, calendarId) : store.calendar.defaultCalendar(user.id);
      if (!calendar) throw new AdminError(404, `no calendar ${calendarId}`);
      const address = organizer?.emailAddress?.address;
      if (organizer !== undefined && typeof address !== 'string') throw new AdminError(400, 'organizer must be {emailAddress: {name?, address}}');
      const from = typeof address === 'string' ? { name: typeof organizer?.emailAddress?.name === 'string' ? organizer.emailAddress.name : address, address } : undefined;
      const { occurrenceEdits, ...event } = body as { occurrenceEdits?: unknown } & Record<string, unknown>;
      const record = createEvent(store, user, calendar, event, { asOutlook: true, ...(from ? { organizer: from } : {}) }).record;
      if (occurrenceEdits !== undefined) editOccurrences(store, user, record, occurrenceEdits);
      return record;
    };
    const many = (req.body as { events?: unknown } | undefined)?.events;
    if (Array.isArray(many)) {
      const made: { id: string; type: string; iCalUId: string }[] = [];
      for (const [index, input] of many.entries()) {
        try {
          const record = make(input);
          made.push({ id: record.id, type: record.type, iCalUId: record.iCalUId });
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          res.status(error.status).json({ error: error.message, code: error.code, index, made: made.length });
          return;
        }
      }
      res.status(201).json({ events: made });
      return;
    }
    const record = asOutlook(res, () => make(req.body));
    if (record) res.status(201).json(eventJson(asInstance(record), UTC_SHAPE));
  };
}

// Far enough ahead for any seeded series' n-th occurrence (a yearly series needs n years).
const EDITABLE_SPAN_MS = 30 * 366 * 86_400_000;

/** The seeding form's `occurrenceEdits` of a new series, applied to its occurrences as they were before any edit. */
function editOccurrences(store: EmulatorStore, user: UserRecord, record: EventRecord, edits: unknown): void {
  if (!Array.isArray(edits)) throw new AdminError(400, 'occurrenceEdits must be an array');
  if (!record.recurrence) throw new AdminError(400, 'occurrenceEdits needs a recurrence');
  const start = instantOf(record.start);
  const occurrences = expand(record, start, start + EDITABLE_SPAN_MS).map((instance) => instance.id);
  for (const edit of edits as Array<{ occurrence?: unknown; patch?: unknown; cancel?: unknown }>) {
    const id = typeof edit?.occurrence === 'number' ? occurrences[edit.occurrence] : undefined;
    if (!id) throw new AdminError(400, `occurrenceEdits: the series has no occurrence ${String(edit?.occurrence)}`);
    if (edit.cancel === true) deleteEvent(store, user, id, { asOutlook: true });
    else if (edit.patch && typeof edit.patch === 'object') updateEvent(store, user, id, edit.patch, undefined, { asOutlook: true });
    else throw new AdminError(400, 'each of occurrenceEdits needs patch or cancel: true');
  }
}

/** `POST /_admin/mailboxes/:user/calendar-seed` `{kind: "demo", today?, timeZone?}` → 201: the demo calendar added. */
export function seedCalendarHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const { kind, today, timeZone } = (req.body ?? {}) as { kind?: unknown; today?: unknown; timeZone?: unknown };
    if (kind !== 'demo') throw new AdminError(400, 'kind must be "demo"');
    const at = typeof today === 'string' ? Date.parse(today) : Date.now();
    if (Number.isNaN(at)) throw new AdminError(400, 'today must be an ISO date');
    const result = asOutlook(res, () => seedDemoCalendar(store, user, at, typeof timeZone === 'string' ? timeZone : undefined));
    if (result) res.status(201).json(result);
  };
}

/** `PATCH /_admin/mailboxes/:user/events/:id` (an occurrence id makes an exception), as an edit in Outlook. */
export function updateEventHandler(store: EmulatorStore) {
  return (req: Request<EventParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const instance = asOutlook(res, () => updateEvent(store, user, req.params.id, req.body ?? {}, undefined, { asOutlook: true }));
    if (instance) res.json(eventJson(instance, UTC_SHAPE));
  };
}

/** `DELETE /_admin/mailboxes/:user/events/:id` → 204 (an occurrence id cancels the occurrence). */
export function deleteEventHandler(store: EmulatorStore) {
  return (req: Request<EventParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    if (asOutlook(res, () => { deleteEvent(store, user, req.params.id, { asOutlook: true }); return true; })) res.status(204).end();
  };
}

/** `GET /_admin/mailboxes/:user/events/:id` (any id, occurrences too), in UTC. */
export function getEventHandler(store: EmulatorStore) {
  return (req: Request<EventParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const found = resolveEvent(store, user.id, req.params.id);
    if (!found) throw new AdminError(404, `no event ${req.params.id}`);
    res.json(eventJson(found.instance, UTC_SHAPE));
  };
}

/** `POST /_admin/mailboxes/:user/events/:id/respond` `{response: accept | tentativelyAccept | decline, sendResponse?}`: the attendee answers in Outlook. */
export function respondEventHandler(store: EmulatorStore) {
  return (req: Request<EventParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const { response, ...body } = (req.body ?? {}) as { response?: string };
    if (response !== 'accept' && response !== 'tentativelyAccept' && response !== 'decline') throw new AdminError(400, 'response must be accept, tentativelyAccept or decline');
    if (asOutlook(res, () => { respondToEvent(store, user, req.params.id, response as Reply, body); return true; })) res.status(202).end();
  };
}

/**
 * `POST /_admin/calendar/delta/invalidate` `{user, calendar?}`: every calendarView delta token of the mailbox, or
 * only those of one calendar (its id), answers 410 `syncStateNotFound` from now on.
 */
export function invalidateCalendarDeltaHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as { user?: unknown; calendar?: unknown };
    const user = userOf(store, String(body.user ?? ''));
    if (body.calendar === undefined) {
      store.calendar.invalidateDelta(user.id);
      res.json({ user: user.userPrincipalName, invalidated: true });
      return;
    }
    if (typeof body.calendar !== 'string' || !store.calendar.getCalendar(user.id, body.calendar)) throw new AdminError(404, `no calendar ${String(body.calendar)} in ${user.userPrincipalName}`);
    store.calendar.invalidateDelta(user.id, body.calendar);
    res.json({ user: user.userPrincipalName, calendar: body.calendar, invalidated: true });
  };
}
