const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** 1536 → "1.5 KB". */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}

export function formatModified(iso: string | null): string {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** "No items", "1 item", "12 items": a folder's child count. */
export function formatItemCount(count: number | null): string {
  const n = count ?? 0;
  if (n === 0) return 'No items';
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'}`;
}
