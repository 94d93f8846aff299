import { createHash, randomBytes } from 'node:crypto';
import type { CalendarChange, CalendarRecord, EmailAddress, EventRecord, NewCalendarInput, OnlineMeetingProvider } from './calendar-records.js';
import type { CalendarStore, EventChangeEvent } from './calendar-store.js';

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
}

interface State {
  secret: string;
  mailboxes: [string, Mailbox][];
}

// Enough history for any sync the tests and benchmarks run; older tokens restart (410), as Outlook's cache does.
const MAX_LOG = 200_000;

const clone = <T>(value: T): T => structuredClone(value);

export function newChangeKey(): string {
  return randomBytes(12).toString('base64');
}

export class InMemoryCalendarStore implements CalendarStore {
  deltaTokenSecret = randomBytes(32);
  private mailboxes = new Map<string, Mailbox>();
  private readonly listeners = new Set<(event: EventChangeEvent) => void>();

  constructor(private readonly ownerOf: (userId: string) => CalendarOwner | undefined) {}

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

  listEvents(userId: string, calendarId?: string): EventRecord[] {
    return [...this.mailbox(userId).events.values()].filter((event) => calendarId === undefined || event.calendarId === calendarId).map(clone);
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
    const saved = { ...clone(record), revision: mailbox.seq + 1 };
    mailbox.events.set(record.id, saved);
    this.log(mailbox, { calendarId: record.calendarId, eventId: record.id, before });
    this.emit({ changeType: before ? 'updated' : 'created', userId: record.userId, eventId: record.id, calendarId: record.calendarId, changeKey: record.changeKey, at: Date.now() });
    return clone(saved);
  }

  deleteEvent(userId: string, id: string): void {
    const mailbox = this.mailbox(userId);
    const before = mailbox.events.get(id);
    if (!before) return;
    mailbox.events.delete(id);
    this.log(mailbox, { calendarId: before.calendarId, eventId: id, before });
    this.emit({ changeType: 'deleted', userId, eventId: id, calendarId: before.calendarId, changeKey: before.changeKey, at: Date.now() });
  }

  private log(mailbox: Mailbox, change: Omit<CalendarChange, 'seq'>): void {
    mailbox.seq += 1;
    mailbox.log.push({ seq: mailbox.seq, ...change });
    if (mailbox.log.length > MAX_LOG) mailbox.log.splice(0, mailbox.log.length - MAX_LOG);
  }

  onChange(listener: (event: EventChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private emit(event: EventChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error('[graph-emulator] calendar change listener failed', error);
      }
    }
  }

  deltaScope(userId: string): { seq: number; epoch: number } {
    const mailbox = this.mailbox(userId);
    return { seq: mailbox.seq, epoch: mailbox.epoch };
  }

  changes(userId: string, after: number, upTo: number): CalendarChange[] {
    return this.mailbox(userId).log.filter((change) => change.seq > after && change.seq <= upTo).map(clone);
  }

  oldestSeq(userId: string): number {
    return this.mailbox(userId).log[0]?.seq ?? this.mailbox(userId).seq + 1;
  }

  invalidateDelta(userId: string): void {
    this.mailbox(userId).epoch += 1;
  }

  reset(): void {
    this.mailboxes.clear();
    this.deltaTokenSecret = randomBytes(32);
  }

  exportState(): object {
    const state: State = { secret: this.deltaTokenSecret.toString('base64'), mailboxes: [...this.mailboxes.entries()] };
    return state;
  }

  importState(state: object): void {
    const restored = state as Partial<State>;
    this.mailboxes = new Map(restored.mailboxes ?? []);
    if (restored.secret) this.deltaTokenSecret = Buffer.from(restored.secret, 'base64');
  }
}
