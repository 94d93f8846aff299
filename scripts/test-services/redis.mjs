// A private Redis for one test run: the redis-server on PATH (as root with apt-get and none on PATH, Debian's
// package installed first), on a free loopback port, no persistence, its directory removed when the run ends.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBinary, findOnPath } from './binaries.mjs';
import { onFreePort, run, ServiceUnavailable, spawnServer } from './server-process.mjs';

async function redisServerBinary() {
  const onPath = findOnPath('redis-server');
  await ensureBinary({ present: onPath !== null, missing: 'there is no redis-server on PATH', label: 'Redis', pkg: 'redis-server', installArgs: ['--no-install-recommends'] });
  if (onPath) return onPath;
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
      '--dir', runDir, '--daemonize', 'no'], { logFile, dir: runDir });
    onCleanup(() => server.stop());
    await server.waitUntil(() => pongs(port), 'redis-server');
    return { url: `redis://127.0.0.1:${port}`, port, description: `redis-server ${version} (${binary})`, binary, dir: runDir };
  });
}
