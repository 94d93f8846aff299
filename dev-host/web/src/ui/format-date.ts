const DAY_MS = 24 * 60 * 60 * 1000;

/** "14:05" today, "Mon" within a week, "Mar 3" this year, else "Mar 3, 2024": how Twenty dates thread rows. */
export function formatRelativeDate(iso: string | null, now = new Date()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (now.getTime() - date.getTime() < 6 * DAY_MS && date <= now) return date.toLocaleDateString(undefined, { weekday: 'short' });
  if (date.getFullYear() === now.getFullYear()) return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

export function formatDateTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }) : '';
}
