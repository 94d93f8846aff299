import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const FRONT_INDEX = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

/** The dev host serves dev-host/web/dist only if it exists when it starts; build it when a test runs before `npm run build`. */
export function ensureFrontBuilt(): void {
  if (existsSync(FRONT_INDEX)) return;
  const build = spawnSync('npm', ['run', 'build', '-w', '@m365/dev-host-web'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (build.status !== 0 || !existsSync(FRONT_INDEX)) throw new Error('Building the front (npm run build -w @m365/dev-host-web) failed');
}
