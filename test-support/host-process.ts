import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** The dev host's own entry point, as `npm start` runs it, compiled on load (the bench's SWC hooks). */
const MAIN = fileURLToPath(new URL('../dev-host/src/main.ts', import.meta.url));
const TS_HOOKS = pathToFileURL(fileURLToPath(new URL('../bench/register.mjs', import.meta.url))).href;

/**
 * The dev host in a process of its own, started from `dev-host/src/main.ts` with the environment an operator
 * would give it, so that a test can kill it (SIGKILL, no shutdown hooks) and start it again.
 */
export class HostProcess {
  private readonly lines: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Starts the process; resolves once the host says it is ready (listening, job workers running). */
  async start(timeoutMs = 60_000): Promise<void> {
    const { NODE_OPTIONS: _jestOptions, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', TS_HOOKS, MAIN], { cwd: ROOT, env: { ...inherited, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const firstLine = this.lines.length;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the host did not start within ${timeoutMs} ms:\n${this.output()}`)), timeoutMs);
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString().split('\n')) if (line.trim()) this.lines.push(line);
        if (this.lines.slice(firstLine).some((line) => line.includes('Dev host ready'))) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the host exited (${code ?? signal}) before it was ready:\n${this.output()}`));
      });
    });
  }

  /** What the process printed, this run and the ones before. */
  output(): string {
    return this.lines.join('\n');
  }

  /** Kills the process as `kill -9` does, and waits until it is gone. */
  async kill(): Promise<void> {
    this.lines.push('--- SIGKILL ---');
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (the host shuts down cleanly), SIGKILL if it is not gone within `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
  }
}
