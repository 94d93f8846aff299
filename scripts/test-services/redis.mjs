// A private Redis for one test run: the redis-server on PATH (as root with apt-get and none on PATH, Debian's
// package installed first), on a free loopback port, no persistence, its directory removed when the run ends.
import { accessSync, constants, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { redisSource } from './plan.mjs';
import { onFreePort, run, ServiceUnavailable, spawnServer } from './server-process.mjs';

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

async function redisServerBinary() {
  const onPath = findOnPath('redis-server');
  const isRoot = process.getuid?.() === 0;
  const source = redisSource({ onPath: onPath !== null, isRoot, hasAptGet: findOnPath('apt-get') !== null });
  if (source === 'path') return onPath;
  if (source === 'none') throw new ServiceUnavailable(`there is no redis-server on PATH, and ${isRoot ? 'no apt-get to install it with' : 'the test command is not root, so it cannot install one'}`);

  console.log("Redis: no redis-server on PATH; installing Debian's redis-server package (apt-get)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await run('apt-get', ['update', '-q'], { env, stdio: 'inherit' });
    await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'redis-server'], { env, stdio: 'inherit' });
  } catch (error) {
    throw new ServiceUnavailable(`there is no redis-server on PATH, and installing Debian's package failed: ${error.message}`);
  }
  const installed = findOnPath('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
  if (!installed) throw new ServiceUnavailable('apt-get installed redis-server, but no redis-server is on PATH or in /usr/bin');
  return installed;
}

function pongs(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Starts the private Redis; `onCleanup` as for PostgreSQL. Resolves with `{ url, port, description, binary, dir }`. */
export async function startPrivateRedis(onCleanup) {
  const binary = await redisServerBinary();
  const version = /v=(\S+)/.exec(await run(binary, ['--version']))?.[1] ?? 'unknown';
  const runDir = mkdtempSync(join(tmpdir(), 'm365-test-redis-'));
  onCleanup(() => rmSync(runDir, { recursive: true, force: true }));

  return onFreePort(async (port) => {
    const logFile = join(runDir, `redis-${port}.log`);
    const server = spawnServer(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
      '--dir', runDir, '--daemonize', 'no'], { logFile });
    onCleanup(() => server.stop());
    await server.waitUntil(() => pongs(port), 'redis-server');
    return { url: `redis://127.0.0.1:${port}`, port, description: `redis-server ${version} (${binary})`, binary, dir: runDir };
  });
}
