// The browser suites drive Debian's Chromium through playwright-core (Playwright cannot download browsers here).
// As root with apt-get and no Chromium, the test command installs Debian's package first, as CI does.
import { existsSync } from 'node:fs';
import { ensureBinary } from './binaries.mjs';
import { ServiceUnavailable } from './server-process.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser suites are the ones named `*.browser.spec.ts`. */
export function needsChromium(suiteFile) {
  return suiteFile.endsWith('.browser.spec.ts');
}

/** Resolves with the Chromium to use, installing Debian's package when it may; throws ServiceUnavailable otherwise. */
export async function ensureChromium() {
  const present = existsSync(CHROMIUM_PATH);
  await ensureBinary({ present, missing: `there is no Chromium at ${CHROMIUM_PATH}`, label: 'Chromium', pkg: 'chromium' });
  if (!present && !existsSync(CHROMIUM_PATH)) throw new ServiceUnavailable(`apt-get installed chromium, but there is none at ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}
