import { IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { GraphError } from '../errors/error-factory.js';

/**
 * Zone names as Graph's dateTimeTimeZone takes them: any Windows zone name (mapped with windows-iana's CLDR table)
 * or an IANA name, plus `UTC` (https://learn.microsoft.com/graph/api/resources/datetimetimezone).
 */
export function ianaZone(name: string): string | undefined {
  if (known.has(name)) return known.get(name);
  const zone = lookUp(name);
  if (known.size < 10_000) known.set(name, zone);
  return zone;
}

// Checking a zone builds an Intl formatter: each name is looked up once.
const known = new Map<string, string | undefined>();

function lookUp(name: string): string | undefined {
  const trimmed = name.trim();
  if (/^(utc|gmt|etc\/utc|etc\/gmt|tzone:\/\/microsoft\/utc|coordinated universal time)$/i.test(trimmed)) return 'UTC';
  const windows = findIana(trimmed);
  if (windows && windows.length > 0) return windows[0];
  return IANAZone.isValidZone(trimmed) ? trimmed : undefined;
}

export function requireZone(name: unknown): string {
  const zone = typeof name === 'string' && name !== '' ? ianaZone(name) : undefined;
  if (!zone) {
    throw new GraphError(400, 'TimeZoneNotSupportedException', `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${typeof name === 'string' ? name : ''}'.`);
  }
  return zone;
}

const WALL = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,7}))?)?$/;

/**
 * Wall-clock times are numbers here: the epoch ms the same fields would have in UTC ("floating" times, as rrule
 * uses them), so wall arithmetic is plain addition.
 */
export type WallTime = number;

/** A wall-clock time (`2026-03-08T09:00:00.0000000`, no offset); undefined when malformed. */
export function parseWall(text: string): WallTime | undefined {
  const match = WALL.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', f = '0'] = match;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s, Math.floor(Number(`0.${f}`) * 1000));
  const check = new Date(wall);
  // Date.UTC rolls 31 February over into March: such a date is not one.
  if (check.getUTCFullYear() !== +y! || check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h! > 23 || +mi! > 59 || +s > 59) return undefined;
  return wall;
}

// A zone's UTC offset (minutes) per quarter hour of UTC: Intl is slow, and offsets only change on quarter hours.
const QUARTER = 15 * 60_000;
const offsets = new Map<string, Map<number, number>>();

function offsetAt(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  let byQuarter = offsets.get(zone);
  if (!byQuarter) {
    byQuarter = new Map();
    offsets.set(zone, byQuarter);
  }
  const quarter = Math.floor(ms / QUARTER);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(quarter * QUARTER);
    if (byQuarter.size > 500_000) byQuarter.clear();
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/**
 * The instant (epoch ms) of a wall-clock time in a zone. A time skipped by a DST change moves forward and a repeated
 * one takes its first instant (luxon's rule, applied to cached offsets).
 */
export function wallToInstant(wall: WallTime, zone: string): number {
  const first = offsetAt(zone, wall);
  let guess = wall - first * 60_000;
  const second = offsetAt(zone, guess);
  if (first === second) return guess;
  guess -= (second - first) * 60_000;
  const third = offsetAt(zone, guess);
  if (second === third) return guess;
  return wall - Math.min(second, third) * 60_000;
}

/** An instant as a wall-clock time in a zone. */
export function instantToWall(ms: number, zone: string): WallTime {
  return ms + offsetAt(zone, ms) * 60_000;
}

/** As Graph writes dateTimeTimeZone.dateTime: seven fraction digits, no offset. */
export function formatWall(wall: WallTime): string {
  return `${new Date(wall).toISOString().slice(0, 23)}0000`;
}

/** The wall time's date, `yyyy-MM-dd`. */
export function wallDate(wall: WallTime): string {
  return new Date(wall).toISOString().slice(0, 10);
}

export function isMidnight(wall: WallTime): boolean {
  return wall % 86_400_000 === 0;
}
