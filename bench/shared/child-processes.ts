// The orchestrator's children: forked from the compiled tree, their output passed through under a label, and
// stopped together at the end.
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { CompiledBench } from '../compile-for-bench.js';

/** Output lines are cut to this length (TypeORM logs a failed query with all its parameters: megabytes for one page). */
const LINE_LIMIT = 240;

export class ChildProcesses {
  private readonly running = new Set<ChildProcess>();

  fork(compiled: CompiledBench, file: string, label: string, execArgv: string[] = []): ChildProcess {
    const child = fork(compiled.file(file), [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        if (line.trim()) console.log(`  [${label}] ${line.length > LINE_LIMIT ? `${line.slice(0, LINE_LIMIT)}…` : line}`);
      });
    }
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    return child;
  }

  /** SIGTERM to every child still running, SIGKILL to those not gone within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    await Promise.all(
      [...this.running].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => {
              child.kill('SIGKILL');
              resolve();
            }, graceMs);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }

  kill(): void {
    for (const child of this.running) child.kill('SIGKILL');
  }
}
