// Finding the binaries the tests need on PATH, or installing them from Debian's packages as root with apt-get (as CI
// does for Chromium).
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { binarySource } from './plan.mjs';
import { run, ServiceUnavailable } from './server-process.mjs';

export function findOnPath(command, path = process.env.PATH ?? '') {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * Where a binary the tests need comes from: `'path'` when it is there already, `'apt'` once `apt-get install -y <pkg>` ran; throws
 * ServiceUnavailable, saying why, when it is missing and cannot be installed here.
 */
export async function ensureBinary({ present, missing, label, pkg, installArgs = [] }) {
  const isRoot = process.getuid?.() === 0;
  const source = binarySource({ onPath: present, isRoot, hasAptGet: findOnPath('apt-get') !== null });
  if (source === 'path') return 'path';
  if (source === 'none') throw new ServiceUnavailable(`${missing}, and ${isRoot ? 'no apt-get to install it with' : 'the test command is not root, so it cannot install one'}`);
  console.log(`${label}: ${missing}; installing Debian's ${pkg} package (apt-get)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-q'], { env, stdio: 'inherit' });
    await run('apt-get', ['install', '-y', '-q', ...installArgs, pkg], { env, stdio: 'inherit' });
  } catch (error) {
    throw new ServiceUnavailable(`${missing}, and installing Debian's package failed: ${error.message}`);
  }
  return 'apt';
}
