import { createHash, randomBytes } from 'node:crypto';
import type { CalendarChange, CalendarRecord, EmailAddress, EventRecord, NewCalendarInput, OnlineMeetingProvider } from './calendar-records.js';
import type { CalendarStore, EventChangeEvent } from './calendar-store.js';
import { ChangeListeners } from '../pim/change-listeners.js';
import { SealedMailboxes, type SealedMailboxesState } from '../pim/sealed-mailboxes.js';

export interface CalendarOwner {
  id: string;
  displayName: string;
  address: string;
  /** Work or school accounts have Teams meetings; personal Microsoft accounts have none. */
  personal: boolean;
}

interface Mailbox {
  calendars: CalendarRecord[];
  events: Map<string, EventRecord>;
  log: CalendarChange[];
  seq: number;
  epoch: number;
  /** Bumps per calendar on top of the mailbox's epoch; absent in state saved before calendars had their own. */
  calendarEpochs?: Record<string, number>;
}

// Enough history for any sync the tests and benchmarks run; older tokens restart (410), as Outlook's cache does.
const MAX_LOG = 200_000;

const clone = <T>(value: T): T => structuredClone(value);

/** Stored events are never changed in place (a save stores a new copy), so readers may hold them as they are. */
function frozen<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) frozen(child);
  return Object.freeze(value);
}

export function newChangeKey(): string {
  return randomBytes(12).toString('base64');
}

export class InMemoryCalendarStore implements CalendarStore {
  private readonly mailboxes = new SealedMailboxes<Mailbox>();
  private readonly changeListeners = new ChangeListeners<EventChangeEvent>('calendar');

  constructor(private readonly ownerOf: (userId: string) => CalendarOwner | undefined) {}

  get deltaTokenSecret(): Buffer {
    return this.mailboxes.secret;
  }

  private mailbox(userId: string): Mailbox {
    let mailbox = this.mailboxes.get(userId);
    if (!mailbox) {
      const owner = this.ownerOf(userId);
      if (!owner) throw new TypeError(`no user ${userId}`);
      mailbox = { calendars: [], events: new Map(), log: [], seq: 0, epoch: 1 };
      this.mailboxes.set(userId, mailbox);
      mailbox.calendars.push(this.calendar(userId, owner, { name: 'Calendar' }, true));
    }
    return mailbox;
  }

  private calendar(userId: string, owner: CalendarOwner, input: NewCalendarInput, isDefault: boolean): CalendarRecord {
    const shared = input.sharedBy !== undefined;
    const providers: OnlineMeetingProvider[] = owner.personal ? [] : ['teamsForBusiness'];
    const ownerAddress: EmailAddress = input.sharedBy ?? { name: owner.displayName, address: owner.address };
    return {
      id: `AAMkAGI${createHash('sha256').update(`${userId}|${randomBytes(8).toString('hex')}`).digest('base64url').slice(0, 40)}AAA=`,
      userId,
      name: input.name,
      color: input.color ?? 'auto',
      hexColor: input.hexColor ?? '',
      isDefaultCalendar: isDefault,
      canEdit: input.canEdit ?? !shared,
      canShare: !shared,
      canViewPrivateItems: !shared,
      isRemovable: !isDefault,
      isTallyingResponses: !shared,
      owner: ownerAddress,
      allowedOnlineMeetingProviders: providers,
      defaultOnlineMeetingProvider: owner.personal ? 'unknown' : 'teamsForBusiness',
      changeKey: newChangeKey(),
    };
  }

  listCalendars(userId: string): CalendarRecord[] {
    return this.mailbox(userId).calendars.map(clone);
  }

  getCalendar(userId: string, id: string): CalendarRecord | undefined {
    const found = this.mailbox(userId).calendars.find((calendar) => calendar.id === id);
    return found && clone(found);
  }

  setCalendarCanEdit(userId: string, id: string, canEdit: boolean): CalendarRecord | undefined {
    const found = this.mailbox(userId).calendars.find((calendar) => calendar.id === id);
    if (!found) return undefined;
    found.canEdit = canEdit;
    found.changeKey = newChangeKey();
    return clone(found);
  }

  defaultCalendar(userId: string): CalendarRecord {
    return clone(this.mailbox(userId).calendars[0]!);
  }

  addCalendar(userId: string, input: NewCalendarInput): CalendarRecord {
    if (typeof input.name !== 'string' || input.name.trim() === '') throw new TypeError('a calendar needs a name');
    const mailbox = this.mailbox(userId);
    if (mailbox.calendars.some((calendar) => calendar.name.toLowerCase() === input.name.toLowerCase())) {
      throw new TypeError(`a calendar named ${input.name} already exists`);
    }
    const calendar = this.calendar(userId, this.ownerOf(userId)!, input, false);
    mailbox.calendars.push(calendar);
    return clone(calendar);
  }

  listEvents(userId: string, calendarId?: string): ReadonlyArray<Readonly<EventRecord>> {
    // Calendar views, delta and free/busy read every event of a calendar on each request: no copies (a copy of
    // thousands of events per request was most of the emulator's time); the records are frozen instead.
    return [...this.mailbox(userId).events.values()].filter((event) => calendarId === undefined || event.calendarId === calendarId).map(frozen);
  }

  getEvent(userId: string, id: string): EventRecord | undefined {
    const found = this.mailbox(userId).events.get(id);
    return found && clone(found);
  }

  findByTransactionId(userId: string, transactionId: string): EventRecord | undefined {
    const found = [...this.mailbox(userId).events.values()].find((event) => event.transactionId === transactionId);
    return found && clone(found);
  }

  findByICalUId(userId: string, iCalUId: string): EventRecord | undefined {
    const found = [...this.mailbox(userId).events.values()].find((event) => event.iCalUId === iCalUId);
    return found && clone(found);
  }

  saveEvent(record: EventRecord): EventRecord {
    const mailbox = this.mailbox(record.userId);
    const before = mailbox.events.get(record.id) ?? null;
    const saved = frozen({ ...clone(record), revision: mailbox.seq + 1 });
    mailbox.events.set(record.id, saved);
    this.log(mailbox, { calendarId: record.calendarId, eventId: record.id, before });
    this.changeListeners.emit({ changeType: before ? 'updated' : 'created', userId: record.userId, eventId: record.id, calendarId: record.calendarId, changeKey: record.changeKey, at: Date.now() });
    return clone(saved);
  }

  deleteEvent(userId: string, id: string): void {
    const mailbox = this.mailbox(userId);
    const before = mailbox.events.get(id);
    if (!before) return;
    mailbox.events.delete(id);
    this.log(mailbox, { calendarId: before.calendarId, eventId: id, before });
    this.changeListeners.emit({ changeType: 'deleted', userId, eventId: id, calendarId: before.calendarId, changeKey: before.changeKey, at: Date.now() });
  }

  private log(mailbox: Mailbox, change: Omit<CalendarChange, 'seq'>): void {
    mailbox.seq += 1;
    mailbox.log.push({ seq: mailbox.seq, ...change });
    if (mailbox.log.length > MAX_LOG) mailbox.log.splice(0, mailbox.log.length - MAX_LOG);
  }

  onChange(listener: (event: EventChangeEvent) => void): () => void {
    return this.changeListeners.add(listener);
  }

  deltaScope(userId: string, calendarId: string): { seq: number; epoch: number } {
    const mailbox = this.mailbox(userId);
    // Either bump raises the sum, so a token minted before any of them never matches again.
    return { seq: mailbox.seq, epoch: mailbox.epoch + (mailbox.calendarEpochs?.[calendarId] ?? 0) };
  }

  changes(userId: string, after: number, upTo: number): ReadonlyArray<Readonly<CalendarChange>> {
    return this.mailbox(userId).log.filter((change) => change.seq > after && change.seq <= upTo).map(frozen);
  }

  oldestSeq(userId: string): number {
    return this.mailbox(userId).log[0]?.seq ?? this.mailbox(userId).seq + 1;
  }

  invalidateDelta(userId: string, calendarId?: string): void {
    const mailbox = this.mailbox(userId);
    if (calendarId === undefined) {
      mailbox.epoch += 1;
      return;
    }
    if (!mailbox.calendars.some((calendar) => calendar.id === calendarId)) throw new TypeError(`no calendar ${calendarId}`);
    mailbox.calendarEpochs = { ...mailbox.calendarEpochs, [calendarId]: (mailbox.calendarEpochs?.[calendarId] ?? 0) + 1 };
  }

  reset(): void {
    this.mailboxes.reset();
  }

  exportState(): object {
    return this.mailboxes.exportState();
  }

  importState(state: object): void {
    this.mailboxes.importState(state as Partial<SealedMailboxesState<Mailbox>>);
  }
}
