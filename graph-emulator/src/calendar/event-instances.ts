import { createHash, randomBytes } from 'node:crypto';
import type { EventContent, EventRecord, OccurrenceOverride } from '../store/calendar/calendar-records.js';
import { occurrenceStarts, type SeriesTiming } from './recurrence.js';
import { instantToWall, parseWall, requireZone, wallToInstant, formatWall } from './time-zones.js';

export type InstanceType = 'singleInstance' | 'seriesMaster' | 'occurrence' | 'exception';

/** One event as Graph shows it: a single, a master, or an occurrence/exception computed from its master. */
export interface EventInstance {
  id: string;
  type: InstanceType;
  /** The stored single or series master. */
  record: EventRecord;
  content: EventContent;
  startMs: number;
  endMs: number;
  originalStart: number | null;
  iCalUId: string;
  changeKey: string;
  createdDateTime: number;
  lastModifiedDateTime: number;
}

const OCCURRENCE = '.OCC';
const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');

export function newEventId(userId: string): string {
  return `AAMkAGE${createHash('sha256').update(`${userId}|${randomBytes(12).toString('hex')}`).digest('base64url').slice(0, 60)}`;
}

export function occurrenceId(masterId: string, originalStart: number): string {
  return `${masterId}${OCCURRENCE}${stamp(originalStart)}`;
}

/** `{masterId, originalStart}` of an occurrence id, undefined for any other id. */
export function parseOccurrenceId(id: string): { masterId: string; originalStart: number } | undefined {
  const at = id.lastIndexOf(OCCURRENCE);
  if (at <= 0) return undefined;
  const match = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/.exec(id.slice(at + OCCURRENCE.length));
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  return { masterId: id.slice(0, at), originalStart: Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!) };
}

/** An occurrence's iCalUId: the series' with the occurrence's date in it, so each occurrence has its own (as Outlook's do). */
function occurrenceICalUId(master: EventRecord, originalStart: number): string {
  const date = new Date(originalStart);
  const hex = `${date.getUTCFullYear().toString(16).padStart(4, '0')}${(date.getUTCMonth() + 1).toString(16).padStart(2, '0')}${date.getUTCDate().toString(16).padStart(2, '0')}`.toUpperCase();
  return `${master.iCalUId.slice(0, 32)}${hex}${master.iCalUId.slice(40)}`;
}

export function instantOf(value: { dateTime: string; timeZone: string }): number {
  return wallToInstant(parseWall(value.dateTime)!, requireZone(value.timeZone));
}

function timing(record: EventRecord): SeriesTiming {
  const zone = requireZone(record.recurrence?.range.recurrenceTimeZone || record.start.timeZone);
  return { zone, startWall: instantToWall(instantOf(record.start), zone) };
}

interface SeriesClock {
  startZone: string;
  endZone: string;
  /** The master's wall-clock length, when start and end share a zone; else its length in ms. */
  wallLength: number;
  sameZone: boolean;
}

function clockOf(master: EventRecord): SeriesClock {
  const startZone = requireZone(master.start.timeZone);
  const endZone = requireZone(master.end.timeZone);
  const sameZone = startZone === endZone;
  const wallLength = sameZone ? parseWall(master.end.dateTime)! - parseWall(master.start.dateTime)! : instantOf(master.end) - instantOf(master.start);
  return { startZone, endZone, wallLength, sameZone };
}

/** Start and end of an occurrence starting at `originalStart`: the master's wall-clock duration kept in its own zones. */
function occurrenceTimes(master: EventRecord, clock: SeriesClock, originalStart: number): { times: Pick<EventContent, 'start' | 'end'>; endMs: number } {
  const startWall = instantToWall(originalStart, clock.startZone);
  const endWall = clock.sameZone ? startWall + clock.wallLength : instantToWall(originalStart + clock.wallLength, clock.endZone);
  return {
    times: {
      start: { dateTime: formatWall(startWall), timeZone: master.start.timeZone },
      end: { dateTime: formatWall(endWall), timeZone: master.end.timeZone },
    },
    endMs: clock.sameZone ? wallToInstant(endWall, clock.endZone) : originalStart + clock.wallLength,
  };
}

function single(record: EventRecord): EventInstance {
  return {
    id: record.id, type: record.type, record, content: record,
    startMs: instantOf(record.start), endMs: instantOf(record.end), originalStart: null,
    iCalUId: record.iCalUId, changeKey: record.changeKey, createdDateTime: record.createdDateTime, lastModifiedDateTime: record.lastModifiedDateTime,
  };
}

function fromOverride(master: EventRecord, originalStart: number, override: OccurrenceOverride | undefined, clock = clockOf(master)): EventInstance {
  const { times, endMs } = occurrenceTimes(master, clock, originalStart);
  const content: EventContent = { ...master, ...times, ...override?.content };
  const moved = override?.content?.start !== undefined || override?.content?.end !== undefined;
  return {
    id: occurrenceId(master.id, originalStart),
    type: override?.content ? 'exception' : 'occurrence',
    record: master,
    content,
    startMs: moved ? instantOf(content.start) : originalStart,
    endMs: moved ? instantOf(content.end) : endMs,
    originalStart,
    iCalUId: occurrenceICalUId(master, originalStart),
    changeKey: override?.changeKey ?? master.changeKey,
    createdDateTime: override?.createdDateTime ?? master.createdDateTime,
    lastModifiedDateTime: override?.lastModifiedDateTime ?? master.lastModifiedDateTime,
  };
}

export function asInstance(record: EventRecord): EventInstance {
  return single(record);
}

/** Whether the series' pattern has an occurrence starting at `originalStart`. */
export function inPattern(master: EventRecord, originalStart: number): boolean {
  if (!master.recurrence) return false;
  return occurrenceStarts(master.recurrence, timing(master), originalStart, originalStart + 1).length === 1;
}

const overlaps = (instance: EventInstance, from: number, until: number) =>
  instance.startMs < until && (instance.endMs > from || (instance.endMs === instance.startMs && instance.startMs >= from));

/**
 * The instances of a stored event that overlap `[from, until)`: the single itself, or a series' occurrences and
 * exceptions (cancelled occurrences left out), by start.
 */
export function expand(record: EventRecord, from: number, until: number): EventInstance[] {
  if (record.type === 'singleInstance' || !record.recurrence) {
    const instance = single(record);
    return overlaps(instance, from, until) ? [instance] : [];
  }
  const key = `${record.userId}|${record.id}|${record.revision ?? ''}|${record.lastModifiedDateTime}|${from}|${until}`;
  const cached = expansions.get(key);
  if (cached) return cached;
  const result = expandSeries(record, from, until);
  // Delta walks and calendarView pages expand the same series again and again: keep the latest expansions.
  if (expansions.size >= 2000) expansions.delete(expansions.keys().next().value!);
  expansions.set(key, result);
  return result;
}

const expansions = new Map<string, EventInstance[]>();

function expandSeries(record: EventRecord, from: number, until: number): EventInstance[] {
  const clock = clockOf(record);
  const byStart = new Map(record.overrides.map((override) => [override.originalStart, override]));
  const duration = Math.max(0, instantOf(record.end) - instantOf(record.start));
  const result: EventInstance[] = [];
  for (const start of occurrenceStarts(record.recurrence!, timing(record), from - duration - 86_400_000, until)) {
    const override = byStart.get(start);
    if (override?.content || override?.cancelled) continue;
    const instance = fromOverride(record, start, undefined, clock);
    if (overlaps(instance, from, until)) result.push(instance);
  }
  for (const override of record.overrides) {
    if (override.cancelled || !override.content) continue;
    const instance = fromOverride(record, override.originalStart, override, clock);
    if (overlaps(instance, from, until)) result.push(instance);
  }
  return result.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
}

/** The occurrence or exception an occurrence id names, if the series still has it (not cancelled, still in the pattern). */
export function findOccurrence(master: EventRecord, originalStart: number): EventInstance | undefined {
  const override = master.overrides.find((candidate) => candidate.originalStart === originalStart);
  if (override?.cancelled) return undefined;
  if (override?.content) return fromOverride(master, originalStart, override);
  return inPattern(master, originalStart) ? fromOverride(master, originalStart, undefined) : undefined;
}

/** The pattern's occurrence starts just before and after `originalStart` (for ErrorOccurrenceCrossingBoundary). */
export function neighbours(master: EventRecord, originalStart: number): { previous?: EventInstance; next?: EventInstance } {
  const year = 366 * 86_400_000;
  const starts = occurrenceStarts(master.recurrence!, timing(master), originalStart - year, originalStart + year);
  const at = starts.indexOf(originalStart);
  const pick = (start: number | undefined) => {
    if (start === undefined) return undefined;
    const override = master.overrides.find((candidate) => candidate.originalStart === start);
    return override?.cancelled ? undefined : fromOverride(master, start, override);
  };
  return { previous: pick(starts[at - 1]), next: pick(starts[at + 1]) };
}
