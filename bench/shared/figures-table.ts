// How both benches print their figures against the targets.

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

export const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');

/** A blank line, `title`, then `rows` as columns: the first row is the header, underlined; the first column is left-aligned. */
export function printTable(title: string, rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log('');
  console.log(title);
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

/** The p-th percentile (nearest rank) of `samples`, rounded to whole units; null without samples. */
export function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!, 0);
}
