import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The README's pictures; `npm run docs:screenshots` sets UPDATE_DOCS_SCREENSHOTS so the newcomer test refreshes them. */
export const DOCS_SCREENSHOT_DIR = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

export function publishToDocs(screenshotPath: string, name: string): void {
  if (process.env.UPDATE_DOCS_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
  copyFileSync(screenshotPath, join(DOCS_SCREENSHOT_DIR, name));
}
