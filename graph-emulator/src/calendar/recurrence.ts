import rrulePackage, { type Options as RRuleOptions, type Weekday } from 'rrule';
import { GraphError } from '../errors/error-factory.js';
import { lowerBound } from '../common/lower-bound.js';
import { odataErrors } from '../odata/odata-errors.js';
import type { PatternedRecurrence, RecurrencePattern, RecurrenceRange } from '../store/calendar/calendar-records.js';
import { requireZone, wallToInstant, type WallTime } from './time-zones.js';

// rrule ships CommonJS for Node: its classes come off the default export.
const { RRule } = rrulePackage;

const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const RRULE_DAYS: Weekday[] = [RRule.SU, RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA];
const INDEX = { first: 1, second: 2, third: 3, fourth: 4, last: -1 } as const;
const PATTERNS: RecurrencePattern['type'][] = ['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly'];
const RANGES: RecurrenceRange['type'][] = ['endDate', 'noEnd', 'numbered'];
const DATE = /^\d{4}-\d\d-\d\d$/;

// Bounds the work one request can cause; Outlook documents no such limit, so the emulator refuses (501) past it.
const MAX_OCCURRENCES = 20_000;

const invalid = (message: string) => new GraphError(400, 'ErrorInvalidRequest', message);

function day(name: unknown): (typeof DAYS)[number] {
  const lower = typeof name === 'string' ? name.toLowerCase() : '';
  const found = DAYS.find((candidate) => candidate === lower);
  if (!found) throw invalid(`'${String(name)}' is not a valid day of the week.`);
  return found;
}

function positive(value: unknown, name: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) throw invalid(`The recurrence property '${name}' must be an integer from 1 to ${max}.`);
  return value;
}

/**
 * A patternedRecurrence as the client sent it, checked as Outlook checks it: each pattern type's required fields,
 * every field validated even where the type ignores it, `range.startDate` equal to the date of the event's start
 * (https://learn.microsoft.com/graph/outlook-schedule-recurring-events).
 */
export function readRecurrence(input: unknown, startDate: string): PatternedRecurrence {
  if (typeof input !== 'object' || input === null) throw invalid("The property 'recurrence' must be an object with 'pattern' and 'range'.");
  const { pattern: p, range: r } = input as { pattern?: Record<string, unknown>; range?: Record<string, unknown> };
  if (!p || typeof p !== 'object' || !r || typeof r !== 'object') throw invalid("A recurrence needs both 'pattern' and 'range'.");
  const type = p.type as RecurrencePattern['type'];
  if (!PATTERNS.includes(type)) throw invalid(`'${String(p.type)}' is not a recurrence pattern type.`);
  const interval = positive(p.interval ?? 1, 'interval', 999);
  const daysOfWeek = p.daysOfWeek === undefined || p.daysOfWeek === null ? [] : Array.isArray(p.daysOfWeek) ? p.daysOfWeek.map(day) : [day(p.daysOfWeek)];
  const firstDayOfWeek = p.firstDayOfWeek === undefined || p.firstDayOfWeek === null ? 'sunday' : day(p.firstDayOfWeek);
  const dayOfMonth = p.dayOfMonth === undefined || p.dayOfMonth === null || p.dayOfMonth === 0 ? 0 : positive(p.dayOfMonth, 'dayOfMonth', 31);
  const month = p.month === undefined || p.month === null || p.month === 0 ? 0 : positive(p.month, 'month', 12);
  const index = (p.index ?? 'first') as RecurrencePattern['index'];
  if (!(index in INDEX)) throw invalid(`'${String(p.index)}' is not a week index.`);
  if ((type === 'weekly' || type === 'relativeMonthly' || type === 'relativeYearly') && daysOfWeek.length === 0) throw invalid(`A ${type} pattern needs 'daysOfWeek'.`);
  if ((type === 'absoluteMonthly' || type === 'absoluteYearly') && dayOfMonth === 0) throw invalid(`An ${type} pattern needs 'dayOfMonth'.`);
  if ((type === 'absoluteYearly' || type === 'relativeYearly') && month === 0) throw invalid(`A ${type} pattern needs 'month'.`);

  const rangeType = r.type as RecurrenceRange['type'];
  if (!RANGES.includes(rangeType)) throw invalid(`'${String(r.type)}' is not a recurrence range type.`);
  if (typeof r.startDate !== 'string' || !DATE.test(r.startDate)) throw invalid("The recurrence range needs 'startDate' as yyyy-MM-dd.");
  if (r.startDate !== startDate) throw invalid(`The recurrence range's startDate '${r.startDate}' must be the date of the event's start (${startDate}).`);
  const endDate = typeof r.endDate === 'string' && r.endDate !== '0001-01-01' ? r.endDate : '0001-01-01';
  if (rangeType === 'endDate') {
    if (!DATE.test(endDate) || endDate === '0001-01-01') throw invalid("An endDate range needs 'endDate' as yyyy-MM-dd.");
    if (endDate < r.startDate) throw invalid("The recurrence range's endDate is before its startDate.");
  }
  const numberOfOccurrences = r.numberOfOccurrences === undefined || r.numberOfOccurrences === null || r.numberOfOccurrences === 0
    ? 0 : positive(r.numberOfOccurrences, 'numberOfOccurrences', 999);
  if (rangeType === 'numbered' && numberOfOccurrences === 0) throw invalid("A numbered range needs a positive 'numberOfOccurrences'.");
  const recurrenceTimeZone = typeof r.recurrenceTimeZone === 'string' && r.recurrenceTimeZone !== '' ? r.recurrenceTimeZone : '';
  if (recurrenceTimeZone) requireZone(recurrenceTimeZone);
  return {
    pattern: { type, interval, month, dayOfMonth, daysOfWeek, firstDayOfWeek, index },
    range: { type: rangeType, startDate: r.startDate, endDate: rangeType === 'endDate' ? endDate : '0001-01-01', recurrenceTimeZone, numberOfOccurrences: rangeType === 'numbered' ? numberOfOccurrences : 0 },
  };
}


function ruleOptions(recurrence: PatternedRecurrence, firstWall: WallTime): Partial<RRuleOptions> {
  const { pattern, range } = recurrence;
  const byweekday = pattern.daysOfWeek.map((name) => RRULE_DAYS[DAYS.indexOf(name as (typeof DAYS)[number])]!);
  const options: Partial<RRuleOptions> = { dtstart: new Date(firstWall), interval: pattern.interval, wkst: RRULE_DAYS[DAYS.indexOf(pattern.firstDayOfWeek as (typeof DAYS)[number])]! };
  // Outlook puts a monthly "day 31" on the last day of shorter months: the largest of 28..dayOfMonth the month has.
  const monthDays = pattern.dayOfMonth > 28 ? { bymonthday: Array.from({ length: pattern.dayOfMonth - 27 }, (_, i) => 28 + i), bysetpos: [-1] } : { bymonthday: [pattern.dayOfMonth] };
  switch (pattern.type) {
    case 'daily': Object.assign(options, { freq: RRule.DAILY }); break;
    case 'weekly': Object.assign(options, { freq: RRule.WEEKLY, byweekday }); break;
    case 'absoluteMonthly': Object.assign(options, { freq: RRule.MONTHLY, ...monthDays }); break;
    case 'relativeMonthly': Object.assign(options, { freq: RRule.MONTHLY, byweekday, bysetpos: [INDEX[pattern.index]] }); break;
    case 'absoluteYearly': Object.assign(options, { freq: RRule.YEARLY, bymonth: [pattern.month], ...monthDays }); break;
    case 'relativeYearly': Object.assign(options, { freq: RRule.YEARLY, bymonth: [pattern.month], byweekday, bysetpos: [INDEX[pattern.index]] }); break;
  }
  if (range.type === 'numbered') options.count = range.numberOfOccurrences;
  if (range.type === 'endDate') options.until = new Date(`${range.endDate}T23:59:59.999Z`);
  return options;
}

export interface SeriesTiming {
  /** Wall-clock start of the series (the master's start, in the recurrence's zone). */
  startWall: WallTime;
  /** IANA zone the pattern is laid out in. */
  zone: string;
}

const DAY_MS = 86_400_000;
/** How far past the asked window a series' starts are laid out, so that the next windows (pages, pieces) reuse them. */
const LAID_OUT_AHEAD_MS = 400 * DAY_MS;
/** Starts laid out for one series at most (a daily series of 500 years); past it the emulator refuses with a 501. */
const MAX_LAID_OUT = 200_000;
const SERIES_KEPT = 5_000;

interface LaidOut {
  /** Wall-clock starts (floating ms, as rrule gives them), ascending. */
  walls: number[];
  /** Every start up to here is in `walls`; Infinity once the range has ended. */
  horizon: number;
}

// Calendar views, delta walks and free/busy ask the same series for many windows; rrule walks from the series'
// start each time, so the starts are laid out once and windows are cut from them.
const laidOut = new Map<string, LaidOut>();

function wallsUpTo(recurrence: PatternedRecurrence, timing: SeriesTiming, untilWall: number): LaidOut {
  const key = JSON.stringify([recurrence, timing.startWall]);
  const cached = laidOut.get(key);
  if (cached && cached.horizon >= untilWall) {
    laidOut.delete(key);
    laidOut.set(key, cached);
    return cached;
  }
  const horizon = untilWall + LAID_OUT_AHEAD_MS;
  let cut = false;
  const walls = new RRule(ruleOptions(recurrence, timing.startWall)).all((date, index) => {
    if (index >= MAX_LAID_OUT) throw odataErrors.notImplemented(`laying out more than ${MAX_LAID_OUT} occurrences of one series (its start is too far before the window)`);
    if (date.getTime() <= horizon) return true;
    cut = true;
    return false;
  }).map((date) => date.getTime());
  const entry = { walls, horizon: cut ? horizon : Infinity };
  if (laidOut.size >= SERIES_KEPT) laidOut.delete(laidOut.keys().next().value!);
  laidOut.set(key, entry);
  return entry;
}

/**
 * The original starts (epoch ms) of a series' occurrences that begin before `untilMs`, from `fromMs` on, laid out by
 * rrule on wall-clock dates in the series' zone and only then made instants, so 9:00 stays 9:00 across DST.
 */
export function occurrenceStarts(recurrence: PatternedRecurrence, timing: SeriesTiming, fromMs: number, untilMs: number): number[] {
  // rrule works on floating times; a two-day margin covers every zone offset before the exact instants are compared.
  const low = fromMs - 2 * DAY_MS;
  const high = untilMs + 2 * DAY_MS;
  const { walls } = wallsUpTo(recurrence, timing, high);
  const starts: number[] = [];
  for (let index = lowerBound(walls, low); index < walls.length && walls[index]! <= high; index += 1) {
    if (starts.length >= MAX_OCCURRENCES) throw odataErrors.notImplemented(`expanding more than ${MAX_OCCURRENCES} occurrences of one series in one time window (ask for a shorter window)`);
    const ms = wallToInstant(walls[index]!, timing.zone);
    if (ms >= fromMs && ms < untilMs) starts.push(ms);
  }
  return starts;
}
