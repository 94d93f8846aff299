import { spawn, type ChildProcess } from 'node:child_process';
import { dirname } from 'node:path';
import { compileForBench, type CompiledBench } from '../bench/compile-for-bench.js';

/**
 * The dev host in a process of its own: its entry point (`dev-host/src/main.ts`, compiled to plain JavaScript in a
 * temporary directory, as a deployment runs it) with the environment an operator would give it, so that a test can
 * kill it (SIGKILL, no shutdown hooks) and start it again.
 */
export class HostProcess {
  private readonly compiled: CompiledBench = compileForBench();
  private readonly lines: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** Starts the process; resolves once the host says it is ready (listening, job workers running). */
  async start(timeoutMs = 60_000): Promise<void> {
    const { NODE_OPTIONS: _jestOptions, ...inherited } = process.env;
    const main = this.compiled.file('dev-host/src/main.ts');
    const child = spawn(process.execPath, [main], { cwd: dirname(main), env: { ...inherited, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
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

  get pid(): number | undefined {
    return this.child?.pid;
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

  /** Stops the process and removes its compiled tree. */
  async dispose(): Promise<void> {
    await this.stop();
    this.compiled.remove();
  }
}
