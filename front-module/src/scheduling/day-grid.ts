/** The hours the day grid shows, unless a meeting or a busy block reaches outside them. */
export const GRID_FIRST_HOUR = 7;
export const GRID_LAST_HOUR = 19;

/** A wall-clock date and time in the browser's zone, as an instant. */
export function localInstant(date: string, time: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  return new Date(year!, month! - 1, day!, hour!, minute!);
}

const pad = (value: number) => String(value).padStart(2, '0');
export const localDate = (instant: Date) => `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
export const localTime = (instant: Date) => `${pad(instant.getHours())}:${pad(instant.getMinutes())}`;

export interface GridRange {
  start: Date;
  end: Date;
  hours: Date[];
}

/** The part of the day the grid covers: 07:00–19:00 local, widened to whole hours around the meeting. */
export function gridRange(date: string, meeting: { start: Date; end: Date } | null): GridRange {
  let first = GRID_FIRST_HOUR;
  let last = GRID_LAST_HOUR;
  if (meeting && localDate(meeting.start) === date) first = Math.min(first, meeting.start.getHours());
  if (meeting && localDate(meeting.end) === date) last = Math.max(last, meeting.end.getHours() + (meeting.end.getMinutes() > 0 ? 1 : 0));
  if (meeting && localDate(meeting.end) !== date && meeting.end > meeting.start) last = 24;
  const start = localInstant(date, `${pad(first)}:00`);
  const end = new Date(start);
  end.setHours(end.getHours() + (last - first));
  const hours: Date[] = [];
  for (let hour = first; hour < last; hour += 1) hours.push(localInstant(date, `${pad(hour)}:00`));
  return { start, end, hours };
}

/** Where an interval sits on the grid, in percent of its width; null when it is outside. */
export function placeOnGrid(range: GridRange, start: Date, end: Date): { left: number; width: number } | null {
  const from = Math.max(start.getTime(), range.start.getTime());
  const to = Math.min(end.getTime(), range.end.getTime());
  if (to <= from) return null;
  const span = range.end.getTime() - range.start.getTime();
  return { left: ((from - range.start.getTime()) / span) * 100, width: ((to - from) / span) * 100 };
}
