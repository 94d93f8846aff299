import { createServer } from 'node:net';

/**
 * Below Linux's default ephemeral range (32768–60999): a port the kernel handed out with `listen(0)` is also where it
 * puts the local end of outgoing connections, so between our check and the host's listen a connection to PostgreSQL
 * or Redis could take it (EADDRINUSE). Ports here are only ever taken by someone listening on purpose.
 */
const FIRST = 20_000;
const LAST = 32_000;
const ATTEMPTS = 50;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port free right now on 127.0.0.1; the host needs its public URL before it listens. */
export async function findFreePort(): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (await bindable(port)) return port;
  }
  throw new Error(`No free port between ${FIRST} and ${LAST} after ${ATTEMPTS} tries`);
}
