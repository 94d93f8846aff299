// The browser suites drive Debian's Chromium through playwright-core (Playwright cannot download browsers here).
// As root with apt-get and no Chromium, the test command installs Debian's package first, as CI does.
import { existsSync } from 'node:fs';
import { findOnPath } from './redis.mjs';
import { redisSource } from './plan.mjs';
import { run, ServiceUnavailable } from './server-process.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser suites are the ones named `*.browser.spec.ts`. */
export function needsChromium(suiteFile) {
  return suiteFile.endsWith('.browser.spec.ts');
}

/** Resolves with the Chromium to use, installing Debian's package when it may; throws ServiceUnavailable otherwise. */
export async function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  const isRoot = process.getuid?.() === 0;
  // The same rule as for redis-server: install only as root, with apt-get, when nothing is there.
  if (redisSource({ onPath: false, isRoot, hasAptGet: findOnPath('apt-get') !== null }) !== 'apt') {
    throw new ServiceUnavailable(`there is no Chromium at ${CHROMIUM_PATH}, and ${isRoot ? 'no apt-get to install it with' : 'the test command is not root, so it cannot install one'}`);
  }
  console.log(`Chromium: none at ${CHROMIUM_PATH}; installing Debian's chromium package (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-q'], { env, stdio: 'inherit' });
    await run('apt-get', ['install', '-y', '-q', 'chromium'], { env, stdio: 'inherit' });
  } catch (error) {
    throw new ServiceUnavailable(`there is no Chromium at ${CHROMIUM_PATH}, and installing Debian's package failed: ${error.message}`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new ServiceUnavailable(`apt-get installed chromium, but there is none at ${CHROMIUM_PATH}`);
  return CHROMIUM_PATH;
}
