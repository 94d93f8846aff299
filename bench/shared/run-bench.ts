// How an orchestrator runs: `main` gives the exit code; then the children are stopped and `cleanUp` runs. A bench
// that overruns `timeoutMs` has its children killed, is cleaned up and exits 2, as does one whose `main` throws.
import type { ChildProcesses } from './child-processes.js';

export interface BenchRun {
  main(): Promise<number>;
  children: ChildProcesses;
  /** How long a child may take to leave after SIGTERM. */
  stopGraceMs: number;
  timeoutMs: number;
  cleanUp(): Promise<void>;
}

export function runBench({ main, children, stopGraceMs, timeoutMs, cleanUp }: BenchRun): void {
  const shutdown = async () => {
    await children.stop(stopGraceMs);
    await cleanUp();
  };
  const deadline = setTimeout(() => {
    console.error(`[bench] still running after ${timeoutMs / 60_000} minutes: stopping`);
    children.kill();
    void cleanUp().finally(() => process.exit(2));
  }, timeoutMs);
  deadline.unref();

  main().then(
    async (code) => {
      await shutdown();
      process.exit(code);
    },
    async (error: unknown) => {
      console.error(`[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      await shutdown();
      process.exit(2);
    },
  );
}
