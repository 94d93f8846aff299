const pad = (value: number) => String(value).padStart(2, '0');

/** The browser's zone, which the section shows events in and writes new ones with. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "2027-03-08T15:00" in the viewer's zone, for an <input type="datetime-local">. */
export function toLocalInput(date: Date): string {
  return `${toLocalDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "2027-03-08" in the viewer's zone. */
export function toLocalDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** An all-day event's date: the CRM keeps it as the UTC midnight of that date. */
export const fullDayDate = (iso: string): string => iso.slice(0, 10);

/** The UTC midnight of a "YYYY-MM-DD" date, as all-day events are stored. */
export const fullDayInstant = (date: string): string => `${date}T00:00:00.000Z`;

/** "YYYY-MM-DD" plus days. */
export function addDays(date: string, days: number): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + days);
  return next.toISOString().slice(0, 10);
}
