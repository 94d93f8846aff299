// `npm run bench:import` — the mail-import benchmark (issue 4). Not a test: it prints its figures, ending with one
// line of JSON. It exits 0 when targets are missed (they are marked MISSED) and non-zero when an import lost or
// duplicated mail, or could not run.
//
// Processes: this orchestrator; the Graph emulator in its own child (emulator-process.ts); and for each import a
// fresh worker child (import-worker.ts) with its own CRM database, so that every CPU and memory figure is the
// worker's alone. Runs, in this order:
//   1. real limits — the plugin's import with the emulator throttling at Microsoft's limits (run first: the
//      emulator stamps every request in its sliding window even with throttling off, so a window already filled
//      by the other runs would not be "the limits" but an exhausted quota);
//   2. ours — the plugin's import, throttling off;
//   3. baseline — the CRM driver's access pattern (baseline-crm-driver-import.ts), throttling off;
//   4. memory — the plugin's import of 100,000 messages, RSS sampled every 100 ms.
import type { ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { EmulatorAdmin, PEOPLE_IN_CRM, MAIL_PAGE_SIZE, type ImportedReport, type VerifiedReport, type WorkerMessage, type WorkerMode } from './bench-fixtures.js';
import { compileForBench, type CompiledBench } from './compile-for-bench.js';
import { ChildProcesses } from './shared/child-processes.js';
import { dropDatabase } from './shared/drop-database.js';
import type { EmulatorEndpoints } from './shared/emulator-endpoints.js';
import { mark, printTable, round } from './shared/figures-table.js';
import { CpuWindow, memoryOf } from './shared/process-meters.js';
import { runBench } from './shared/run-bench.js';

const MESSAGES = 20_000;
const MEMORY_MESSAGES = 100_000;
const TARGETS = { requestsPer1000: 20, messagesPerSecond: 1_000, unwaited429: 0, lost: 0, peakRssMb: 400 };
const WORKER_TIMEOUT_MS = 6 * 60_000;
const BENCH_TIMEOUT_MS = 15 * 60_000;
/** Writes a V8 CPU profile of the 'ours' worker into this directory (open it in Chrome DevTools). */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROF_DIR;
/** e.g. `BENCH_ONLY=ours,baseline`: runs just those, prints their details, and no summary (a debugging aid). */
const ONLY = process.env.BENCH_ONLY ? (process.env.BENCH_ONLY.split(',').map((mode) => mode.trim()) as WorkerMode[]) : null;

const children = new ChildProcesses();
const log = (line: string) => console.log(`[bench] ${line}`);

let compiled: CompiledBench | undefined;

const forkCompiled = (file: string, label: string, execArgv: string[] = []): ChildProcess => children.fork(compiled!, file, label, execArgv);

/** The emulator's child, ready. */
async function startEmulator(): Promise<{ child: ChildProcess; endpoints: EmulatorEndpoints }> {
  const child = forkCompiled('bench/emulator-process.ts', 'emulator');
  const endpoints = await new Promise<EmulatorEndpoints>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 60 s')), 60_000);
    child.once('message', (message: { type: string; endpoints: EmulatorEndpoints }) => {
      clearTimeout(timer);
      resolve(message.endpoints);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
  });
  return { child, endpoints };
}

interface WorkerRun {
  imported: ImportedReport;
  verified: VerifiedReport;
  cpu: Record<string, number | null>;
  /** Peak RSS of the worker during the import, from /proc (sampled every 100 ms, and the kernel's VmHWM). */
  procPeakRssBytes: number;
}

/** Forks a worker for one import and collects its reports; kills it (and drops its database) if it overruns. */
async function runWorker(mode: WorkerMode, emulator: EmulatorEndpoints, throttled: boolean): Promise<WorkerRun> {
  const profile = CPU_PROFILE_DIR && mode === 'ours' ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE_DIR}`] : [];
  const child = forkCompiled('bench/import-worker.ts', mode, profile);
  const pid = child.pid!;
  const cpu = new CpuWindow({ worker: pid, emulator: emulator.pid, orchestrator: process.pid });
  let database: string | undefined;
  let sampler: NodeJS.Timeout | undefined;
  let procPeak = 0;
  const sample = () => {
    const memory = memoryOf(pid);
    if (memory) procPeak = Math.max(procPeak, memory.rss, memory.hwm);
  };
  const result: Partial<WorkerRun> = {};
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${mode} import did not finish within ${WORKER_TIMEOUT_MS / 1000} s`)), WORKER_TIMEOUT_MS);
      child.on('message', (message: WorkerMessage) => {
        switch (message.type) {
          case 'ready':
            child.send({ mode, emulator, throttled });
            break;
          case 'database':
            database = message.name;
            break;
          case 'passStarted':
            cpu.start();
            sampler = setInterval(sample, 100);
            break;
          case 'passEnded':
            sample();
            clearInterval(sampler);
            result.cpu = cpu.stop();
            result.procPeakRssBytes = procPeak;
            break;
          case 'imported':
            result.imported = message;
            break;
          case 'verified':
            result.verified = message;
            break;
          case 'failed':
            reject(new Error(`${mode} worker failed:\n${message.error}`));
            break;
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (result.imported && result.verified) resolve();
        else reject(new Error(`${mode} worker exited (${code}) before reporting`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    if (database) await dropDatabase(database).catch(() => undefined);
    throw error;
  } finally {
    clearInterval(sampler);
  }
  return result as WorkerRun;
}

// ---- figures -----------------------------------------------------------------------------------------------------

const requestsPer1000 = (run: WorkerRun) => round((run.imported.counter.counted / Math.max(1, run.imported.messagesWritten)) * 1000, 2);
const messagesPerSecond = (run: WorkerRun) => round(run.imported.messagesWritten / (run.imported.timings.wallMs / 1000), 0);
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const peakRssBytes = (run: WorkerRun) => Math.max(run.procPeakRssBytes, run.imported.sampledPeakRssBytes, run.imported.maxRssKb * 1024);

function describeRun(name: string, run: WorkerRun): string[] {
  const { imported, verified, cpu } = run;
  const t = imported.timings;
  const c = imported.counter;
  const seconds = t.wallMs / 1000;
  const windowMs = cpu.wallMs ?? t.wallMs;
  const cpuShare = (ms: number | null) => (ms === null ? 'n/a' : `${round(ms / 1000, 1)} s (${round((ms / windowMs) * 100, 0)}% of a core)`);
  const failed = imported.passes.filter((pass) => pass.outcome !== 'synced');
  return [
    `${name}: outcome ${imported.outcome}; ${imported.messagesWritten} messages written in ${round(seconds, 2)} s = ${messagesPerSecond(run)} msg/s`,
    `  passes: ${imported.passes.map((pass) => `${pass.outcome} ${round(pass.ms / 1000, 1)} s (${pass.writes ?? '?'} page writes${pass.writesAfterReturn ? `, ${pass.writesAfterReturn} of them started after the pass had returned` : ''})`).join(', ')}${failed.length ? `; failed on: ${[...new Set(failed.map((pass) => pass.error))].join(' | ')}` : ''}${imported.productRetryDelaysMs.length ? ` (the plugin asked for retries after ${imported.productRetryDelaysMs.map((ms) => `${ms / 1000} s`).join(', ')}; the bench retried at once)` : ''}`,
    `  Graph: ${c.counted} requests counted (${c.batchItems} $batch items in ${c.batchEnvelopes} envelopes), ${requestsPer1000(run)} per 1,000 messages; answers ${JSON.stringify(c.byStatus)}; 429 seen by the plugin ${imported.throttling.seen429}, unwaited ${imported.throttling.unwaited429}`,
    `  time: ${t.writes} page writes took ${round(t.writeMs / 1000, 1)} s in sum (${round(t.writeMs / Math.max(1, t.writes), 1)} ms each); ${t.graphExchanges} Graph exchanges ${round(t.graphMs / 1000, 1)} s in sum to headers (${round(t.graphMs / Math.max(1, t.graphExchanges), 1)} ms each); worker event loop busy ${round(t.eventLoopUtilization * 100, 0)}%`,
    `  CPU during the pass: worker ${cpuShare(cpu.worker ?? null)}, emulator ${cpuShare(cpu.emulator ?? null)}, PostgreSQL ${cpuShare(cpu.postgres ?? null)}, whole machine ${cpuShare(cpu.machine ?? null)} of ${availableParallelism()} cores (other processes on the machine included)`,
    `  memory: worker RSS ${mb(imported.rssAtPassStartBytes)} MB when the pass started, peak ${mb(peakRssBytes(run))} MB (kernel VmHWM / 100 ms samples / maxRSS: ${mb(run.procPeakRssBytes)} / ${mb(imported.sampledPeakRssBytes)} / ${mb(imported.maxRssKb * 1024)})`,
    `  check: mailbox ${verified.mailboxMessages}, CRM ${verified.crmMessages}, lost ${verified.lost}, unexpected ${verified.unexpected}, duplicates ${verified.duplicates}; threads ${verified.threads} for ${verified.conversations} conversations; participants ${verified.participants} (${verified.matchedParticipants} matched to people/members)`,
  ];
}

function correctnessProblems(name: string, run: WorkerRun, expected: number): string[] {
  const problems: string[] = [];
  const v = run.verified;
  if (v.mailboxMessages !== expected) problems.push(`${name}: the mailbox holds ${v.mailboxMessages} importable messages, expected ${expected}`);
  if (v.lost > 0) problems.push(`${name}: ${v.lost} messages lost`);
  if (v.unexpected > 0) problems.push(`${name}: ${v.unexpected} messages in the CRM that the mailbox does not hold`);
  if (v.duplicates > 0) problems.push(`${name}: ${v.duplicates} duplicates`);
  if (v.threads !== v.conversations) problems.push(`${name}: ${v.threads} threads for ${v.conversations} conversations`);
  return problems;
}

async function main(): Promise<number> {
  const benchStarted = performance.now();
  compiled = compileForBench();
  log(`compiled the workspace packages, test-support and bench to ${compiled.dir} (the children run plain JavaScript)`);
  log(`starting the Graph emulator in its own process`);
  const { endpoints } = await startEmulator();
  const admin = new EmulatorAdmin(endpoints);
  try {
    const seeded = await admin.seedMailbox(MESSAGES);
    log(`seeded ${seeded.messages} messages (${seeded.conversations} conversations) for the bench mailbox: ${seeded.folders.filter((f) => f.totalItemCount > 0).map((f) => `${f.displayName} ${f.totalItemCount}`).join(', ')}; ${PEOPLE_IN_CRM} people in each CRM`);

    if (ONLY) {
      // Debugging aid: only the named runs, their details, no table and no JSON.
      for (const mode of ONLY) {
        if (mode === 'memory') await admin.seedMailbox(MEMORY_MESSAGES);
        if (mode === 'limits') await admin.updateMailSettings({ throttling: { enabled: true, requestsPerWindow: 10_000, windowSeconds: 600, concurrentRequests: 4, batchConcurrency: 4 } });
        const run = await runWorker(mode, endpoints, mode === 'limits');
        await admin.updateMailSettings({ throttling: { enabled: false } });
        for (const line of describeRun(mode, run)) console.log(line);
      }
      return 0;
    }

    log('1/4 real limits: the plugin\'s import with throttling at Microsoft\'s limits (10,000 requests / 10 min, 4 concurrent, per app and mailbox)');
    await admin.updateMailSettings({ throttling: { enabled: true, requestsPerWindow: 10_000, windowSeconds: 600, concurrentRequests: 4, batchConcurrency: 4 } });
    const limits = await runWorker('limits', endpoints, true);
    await admin.updateMailSettings({ throttling: { enabled: false } });

    log('2/4 ours: the plugin\'s import, throttling off');
    const ours = await runWorker('ours', endpoints, false);

    log('3/4 baseline: the CRM driver\'s access pattern (ids by delta at 999, then $batch GETs of 20), throttling off');
    const baseline = await runWorker('baseline', endpoints, false);

    log(`4/4 memory: the plugin's import of ${MEMORY_MESSAGES.toLocaleString('en')} messages`);
    await admin.seedMailbox(MEMORY_MESSAGES);
    const memory = await runWorker('memory', endpoints, false);

    const lines = [
      ...describeRun('ours', ours),
      ...describeRun('baseline (CRM driver pattern)', baseline),
      ...describeRun('ours under real limits', limits),
      ...describeRun(`ours at ${MEMORY_MESSAGES.toLocaleString('en')} messages`, memory),
    ];
    console.log('');
    for (const line of lines) console.log(line);

    const figures = {
      bench: 'import',
      messages: ours.imported.messagesWritten,
      requestsPer1000: requestsPer1000(ours),
      baselineRequestsPer1000: requestsPer1000(baseline),
      messagesPerSecond: messagesPerSecond(ours),
      baselineMessagesPerSecond: messagesPerSecond(baseline),
      unwaited429: limits.imported.throttling.unwaited429,
      lostUnderRealLimits: limits.verified.lost,
      peakRssMbAt100k: mb(peakRssBytes(memory)),
    };
    const rows: string[][] = [
      ['figure', 'ours', 'baseline', 'target', ''],
      ['Graph requests / 1,000 messages', String(figures.requestsPer1000), String(figures.baselineRequestsPer1000), `<= ${TARGETS.requestsPer1000}`, mark(figures.requestsPer1000 <= TARGETS.requestsPer1000)],
      ['messages / second (end to end)', String(figures.messagesPerSecond), String(figures.baselineMessagesPerSecond), `>= ${TARGETS.messagesPerSecond}`, mark(figures.messagesPerSecond >= TARGETS.messagesPerSecond)],
      ['429 not waited out (real limits)', String(figures.unwaited429), '-', `= ${TARGETS.unwaited429}`, mark(figures.unwaited429 === TARGETS.unwaited429)],
      ['messages lost (real limits)', String(figures.lostUnderRealLimits), '-', `= ${TARGETS.lost}`, mark(figures.lostUnderRealLimits === TARGETS.lost)],
      [`peak worker RSS at ${MEMORY_MESSAGES.toLocaleString('en')} (MB)`, String(figures.peakRssMbAt100k), '-', `<= ${TARGETS.peakRssMb}`, mark(figures.peakRssMbAt100k <= TARGETS.peakRssMb)],
    ];
    printTable(
      `Mail import, ${figures.messages.toLocaleString('en')} messages in 6 folders (one nested), ${PEOPLE_IN_CRM.toLocaleString('en')} people, page size ${MAIL_PAGE_SIZE}, PostgreSQL at 127.0.0.1:5432, ${round((performance.now() - benchStarted) / 1000, 0)} s in all`,
      rows,
    );

    const problems = [
      ...correctnessProblems('ours', ours, MESSAGES),
      ...correctnessProblems('baseline', baseline, MESSAGES),
      ...correctnessProblems('real limits', limits, MESSAGES),
      ...correctnessProblems('memory', memory, MEMORY_MESSAGES),
      ...[ours, limits, memory].filter((run) => run.imported.outcome !== 'synced').map((run) => `${run.imported.mode}: the pass ended '${run.imported.outcome}'`),
    ];
    if (problems.length > 0) {
      console.log('');
      console.log(`CORRECTNESS FAILURE:\n  ${problems.join('\n  ')}`);
    }
    console.log(JSON.stringify(figures));
    return problems.length > 0 ? 1 : 0;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

// The emulator cleans its data directory on SIGTERM.
runBench({
  main,
  children,
  stopGraceMs: 5_000,
  timeoutMs: BENCH_TIMEOUT_MS,
  cleanUp: async () => compiled?.remove(),
});
