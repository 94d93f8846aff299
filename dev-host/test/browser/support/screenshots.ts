import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where CI keeps the browser test's screenshots (the README names it). */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../../artifacts/screenshots/', import.meta.url));

/** Numbered full-page screenshots, so the folder reads as the test's story. */
export function screenshotTaker(prefix: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  let step = 0;
  return async (page: Page, name: string): Promise<string> => {
    step += 1;
    const path = join(SCREENSHOT_DIR, `${prefix}-${String(step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
}
