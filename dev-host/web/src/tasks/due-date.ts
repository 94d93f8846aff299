/** A due date is a day: the input's `YYYY-MM-DD` ↔ that day's 00:00 UTC, as To Do keeps due dates. */
export const dueInputValue = (iso: string | null): string => (iso ? iso.slice(0, 10) : '');
export const dueFromInput = (value: string): string | null => (value ? `${value}T00:00:00.000Z` : null);
export const dueLabel = (iso: string | null): string =>
  iso ? new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }) : '';
