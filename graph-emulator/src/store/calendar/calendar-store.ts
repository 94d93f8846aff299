import type { CalendarChange, CalendarRecord, EventRecord, NewCalendarInput } from './calendar-records.js';

/** A change of a stored event (single or series master), for change notifications on `/me/events`. */
export interface EventChangeEvent {
  changeType: 'created' | 'updated' | 'deleted';
  userId: string;
  eventId: string;
  calendarId: string;
  changeKey: string;
  /** Epoch ms. */
  at: number;
}

/** The calendar part of the emulator's store: calendars and events per mailbox, and each mailbox's change log. */
export interface CalendarStore {
  /** Signs calendarView delta links; kept with the state so links survive a restart. */
  readonly deltaTokenSecret: Buffer;

  /** The mailbox's calendars, default first (the default "Calendar" is made on first use). */
  listCalendars(userId: string): CalendarRecord[];
  getCalendar(userId: string, id: string): CalendarRecord | undefined;
  defaultCalendar(userId: string): CalendarRecord;
  addCalendar(userId: string, input: NewCalendarInput): CalendarRecord;
  /** The calendar's owner grants or takes back the right to edit it (a shared calendar's permission changing). */
  setCalendarCanEdit(userId: string, id: string, canEdit: boolean): CalendarRecord | undefined;

  /** Singles and series masters, of one calendar or of the whole mailbox, in creation order; read-only (getEvent gives a copy to change). */
  listEvents(userId: string, calendarId?: string): ReadonlyArray<Readonly<EventRecord>>;
  getEvent(userId: string, id: string): EventRecord | undefined;
  findByTransactionId(userId: string, transactionId: string): EventRecord | undefined;
  findByICalUId(userId: string, iCalUId: string): EventRecord | undefined;
  /** Inserts or replaces the event and logs the change (with the event as it was). */
  saveEvent(record: EventRecord): EventRecord;
  deleteEvent(userId: string, id: string): void;

  /** The mailbox's change sequence (last logged change) and the calendar's token epoch (bumped by `invalidateDelta`). */
  deltaScope(userId: string, calendarId: string): { seq: number; epoch: number };
  /** Changes with `after < seq <= upTo`, oldest first; read-only. */
  changes(userId: string, after: number, upTo: number): ReadonlyArray<Readonly<CalendarChange>>;
  /** Every calendarView delta token of the mailbox, or of one of its calendars, answers 410 from now on. */
  invalidateDelta(userId: string, calendarId?: string): void;
  /** The first change sequence still in the log: a token from before it must restart. */
  oldestSeq(userId: string): number;

  /** Calls `listener` after every saved or deleted event; survives `reset()`. Returns an unsubscribe function. */
  onChange(listener: (event: EventChangeEvent) => void): () => void;

  reset(): void;
  exportState(): object;
  importState(state: object): void;
}
