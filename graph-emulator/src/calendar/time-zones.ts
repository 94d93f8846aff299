import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import { GraphError } from '../errors/error-factory.js';

/**
 * Zone names as Graph's dateTimeTimeZone takes them: any Windows zone name (mapped with windows-iana's CLDR table)
 * or an IANA name, plus `UTC` (https://learn.microsoft.com/graph/api/resources/datetimetimezone).
 */
export function ianaZone(name: string): string | undefined {
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

/** A wall-clock time (`2026-03-08T09:00:00.0000000`, no offset) as luxon fields; undefined when malformed. */
export function parseWall(text: string): DateTime | undefined {
  const match = WALL.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s = '0', f = '0'] = match;
  const wall = DateTime.fromObject(
    { year: +y!, month: +mo!, day: +d!, hour: +h!, minute: +mi!, second: +s, millisecond: Math.floor(Number(`0.${f}`) * 1000) },
    { zone: 'UTC' },
  );
  return wall.isValid ? wall : undefined;
}

/** The instant (epoch ms) of a wall-clock time in a zone; a time skipped by a DST change moves forward, as Exchange does. */
export function wallToInstant(wall: DateTime, zone: string): number {
  return DateTime.fromObject(
    { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second, millisecond: wall.millisecond },
    { zone },
  ).toMillis();
}

/** An instant as a wall-clock time in a zone (fields in a UTC DateTime, so arithmetic on it is wall arithmetic). */
export function instantToWall(ms: number, zone: string): DateTime {
  const local = DateTime.fromMillis(ms, { zone });
  return DateTime.fromObject(
    { year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond },
    { zone: 'UTC' },
  );
}

/** As Graph writes dateTimeTimeZone.dateTime: seven fraction digits, no offset. */
export function formatWall(wall: DateTime): string {
  return `${wall.toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`;
}
