// `npm run bench:calendar` — the calendar benchmark (issue 11). Not a test: it prints a table of figures and ends
// with one line of JSON. Exit 0 when a target is missed (marked MISSED), 1 when the CRM lost, duplicated or mis-timed
// an event, re-applied an echo of its own write or left a write un-applied, 2 when it could not run.
//
// Processes: this orchestrator (seeds the emulator through its admin API, samples the worker's memory); the Graph
// emulator in its own child (../emulator-process.ts); the CRM in a worker child (calendar-worker.ts) that runs every
// stage against that one emulator.
import type { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { BENCH_USER, EmulatorAdmin, PEOPLE_IN_CRM } from '../bench-fixtures.js';
import { compileForBench, type CompiledBench } from '../compile-for-bench.js';
import { ChildProcesses } from '../shared/child-processes.js';
import { dropDatabase } from '../shared/drop-database.js';
import type { EmulatorEndpoints } from '../shared/emulator-endpoints.js';
import { mark, percentile, printTable, round } from '../shared/figures-table.js';
import { PeakRssSampler } from '../shared/peak-rss-sampler.js';
import { runBench } from '../shared/run-bench.js';
import { startEmulatorProcess } from '../shared/start-emulator.js';
import type { CalendarReport, CalendarWorkerMessage } from './calendar-messages.js';
import { calendarSeed, SERIES, SINGLE_EVENTS, type CalendarSeed } from './calendar-seed.js';

const INBOUND_EDITS = Number(process.env.BENCH_CALENDAR_INBOUND_EDITS ?? 200);
const OUTBOUND_EDITS = Number(process.env.BENCH_CALENDAR_OUTBOUND_EDITS ?? 500);
const TARGETS = { requestsPer1000: 10, latencyP99Ms: 1_000 };
const WORKER_TIMEOUT_MS = 8 * 60_000;
const BENCH_TIMEOUT_MS = 12 * 60_000;

const children = new ChildProcesses();
const log = (line: string) => console.log(`[bench] ${line}`);
let compiled: CompiledBench | undefined;

/** The seed into the bench user's mailbox: its default calendar plus four more, each filled in one bulk call. */
async function seedOutlook(admin: EmulatorAdmin, seed: CalendarSeed): Promise<{ events: number; series: number }> {
  const user = encodeURIComponent(BENCH_USER);
  const { calendars: existing } = await admin.call<{ calendars: Array<{ id: string; name: string; isDefaultCalendar: boolean }> }>('GET', `/mailboxes/${user}/calendars`);
  let events = 0;
  let series = 0;
  for (const calendar of seed.calendars) {
    const found = existing.find((candidate) => candidate.name === calendar.name);
    const id = found?.id ?? (await admin.call<{ id: string }>('POST', `/mailboxes/${user}/calendars`, { name: calendar.name })).id;
    const made = await admin.call<{ events: Array<{ type: string }> }>('POST', `/mailboxes/${user}/events`, { events: calendar.events.map((event) => ({ ...event, calendarId: id })) });
    if (made.events.length !== calendar.events.length) throw new Error(`the emulator made ${made.events.length} of calendar ${calendar.name}'s ${calendar.events.length} events`);
    events += made.events.length;
    series += made.events.filter((event) => event.type === 'seriesMaster').length;
  }
  return { events, series };
}

interface WorkerRun {
  report: CalendarReport;
  peakRssBytes: number;
  stages: string[];
}

async function runWorker(emulator: EmulatorEndpoints): Promise<WorkerRun> {
  const child: ChildProcess = children.fork(compiled!, 'bench/calendar/calendar-worker.ts', 'crm');
  const pid = child.pid!;
  let database: string | undefined;
  const sampler = new PeakRssSampler(pid);
  const stages: string[] = [];
  let report: CalendarReport | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the CRM worker did not finish within ${WORKER_TIMEOUT_MS / 1000} s`)), WORKER_TIMEOUT_MS);
      child.on('message', (message: CalendarWorkerMessage) => {
        switch (message.type) {
          case 'ready':
            child.send({ emulator, inboundEdits: INBOUND_EDITS, outboundEdits: OUTBOUND_EDITS });
            break;
          case 'database':
            database = message.name;
            break;
          case 'importStarted':
            sampler.start();
            break;
          case 'importEnded':
            sampler.stop();
            break;
          case 'stage':
            stages.push(message.line);
            log(message.line);
            break;
          case 'report':
            report = message;
            break;
          case 'failed':
            reject(new Error(`the CRM worker failed:\n${message.error}`));
            break;
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (report) resolve();
        else reject(new Error(`the CRM worker exited (${code}) before reporting`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    if (database) await dropDatabase(database).catch(() => undefined);
    throw error;
  } finally {
    sampler.stop();
  }
  return { report: report!, peakRssBytes: sampler.peakBytes, stages };
}

const per1000 = (requests: number, occurrences: number) => round((requests / Math.max(1, occurrences)) * 1000, 2);
const text = (value: number | null) => (value === null ? 'not measured' : String(value));
const breakdown = (byKind: Record<string, number>) => Object.entries(byKind).sort((a, b) => b[1] - a[1]).map(([kind, count]) => `${count} × ${kind}`).join(', ');

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  compiled = compileForBench();
  log(`compiled the workspace packages, test-support and bench to ${compiled.dir}`);
  const endpoints = await startEmulatorProcess(children, compiled);
  const admin = new EmulatorAdmin(endpoints);
  try {
    const seed = calendarSeed(new Date());
    const seeding = performance.now();
    const seeded = await seedOutlook(admin, seed);
    if (seeded.events !== SINGLE_EVENTS + SERIES || seeded.series !== SERIES) throw new Error(`seeded ${seeded.events} events (${seeded.series} series), expected ${SINGLE_EVENTS + SERIES} (${SERIES})`);
    log(`seeded ${seed.calendars.length} calendars with ${SINGLE_EVENTS.toLocaleString('en')} single events and ${SERIES} series (${Object.entries(seed.series).map(([kind, count]) => `${count} ${kind}`).join(', ')}; ${seed.exceptions} exceptions, ${seed.cancellations} cancelled occurrences) over ${seed.window.start.toISOString().slice(0, 10)} – ${seed.window.end.toISOString().slice(0, 10)} in ${round((performance.now() - seeding) / 1000, 1)} s; ${PEOPLE_IN_CRM.toLocaleString('en')} people in the CRM`);

    const { report, peakRssBytes } = await runWorker(endpoints);
    const { import: ours, baseline, inbound, outbound, check } = report;
    const figures = {
      bench: 'calendar',
      occurrences: ours.occurrences,
      requestsPer1000: per1000(ours.requests.counted, ours.occurrences),
      baselineRequestsPer1000: per1000(baseline.requests.counted, baseline.occurrences),
      occurrencesPerSecond: round(ours.occurrences / (ours.wallMs / 1000), 0),
      peakRssMb: round(peakRssBytes / 1024 / 1024, 1),
      // A stage that failed part way has no figures (its samples are printed on its line).
      outboundP50Ms: outbound.notMeasured ? null : percentile(outbound.samples, 50),
      outboundP99Ms: outbound.notMeasured ? null : percentile(outbound.samples, 99),
      inboundP50Ms: percentile(inbound.samples, 50),
      inboundP99Ms: percentile(inbound.samples, 99),
      inboundVia: inbound.via,
      lost: check.lost,
      duplicated: check.duplicated,
      echoesReapplied: outbound.echoesReapplied,
      echoesSkipped: outbound.echoesSkipped,
      baselineSampledCalendars: baseline.sampledCalendars,
    };

    console.log('');
    console.log(`import: ${ours.outcome}, ${ours.occurrences.toLocaleString('en')} occurrences from ${ours.calendars} calendars in ${round(ours.wallMs / 1000, 2)} s, page size ${ours.pageSize}`);
    console.log(`  Graph: ${ours.requests.counted} requests counted by the emulator; sent: ${breakdown(ours.requests.byKind)}`);
    const t = ours.timings;
    console.log(`  time (summed over the 2 calendars walked side by side): ${t.writes} page writes ${round(t.writeMs / 1000, 1)} s (${round(t.writeMs / Math.max(1, t.writes), 0)} ms each), ${t.exchanges} Graph exchanges ${round(t.graphMs / 1000, 1)} s (${round(t.graphMs / Math.max(1, t.exchanges), 0)} ms each, to headers)`);
    const scaledS = round(((baseline.wallMs / Math.max(1, baseline.occurrences)) * ours.occurrences) / 1000, 0);
    console.log(
      `baseline (measured on a sample: ${baseline.sampledCalendars} of ${baseline.calendars} calendars; its requests per 1,000 occurrences do not depend on how many are walked): ${baseline.occurrences.toLocaleString('en')} occurrences in ${round(baseline.wallMs / 1000, 1)} s ` +
        `(scaled to all ${ours.occurrences.toLocaleString('en')}: about ${scaledS} s); ${baseline.requests.counted} requests counted; sent: ${breakdown(baseline.requests.byKind)}`,
    );
    const via = inbound.via === 'push' ? `push: the plugin's /me/events subscription, webhook and calendar push job; ${inbound.pushPasses ?? 0} quick passes` : 'the calendar pass the bench ran after each edit';
    console.log(`inbound (via ${via}): ${inbound.samples.length} edits, p50 ${text(figures.inboundP50Ms)} ms, p99 ${text(figures.inboundP99Ms)} ms, max ${text(percentile(inbound.samples, 100))} ms`);
    console.log(
      outbound.notMeasured
        ? `outbound: not measured (${outbound.samples.length} edits timed before it failed, p99 ${text(percentile(outbound.samples, 99))} ms): ${outbound.notMeasured}`
        : `outbound (updateCalendarEvent, polled in the emulator's admin view; ${outbound.outlookEdits} Outlook edits on other events delivered by push meanwhile): ${outbound.samples.length} edits, p50 ${text(figures.outboundP50Ms)} ms, p99 ${text(figures.outboundP99Ms)} ms, max ${text(percentile(outbound.samples, 100))} ms; ` +
          `echoes skipped by the plugin's filter ${text(outbound.echoesSkipped)}, re-applied ${text(outbound.echoesReapplied)}; writes not APPLIED ${text(outbound.outboxNotApplied)}${outbound.reappliedExamples?.length ? `\n  re-applied: ${outbound.reappliedExamples.join('\n  re-applied: ')}` : ''}`,
    );
    console.log(`check: Outlook ${check.outlookInstances.toLocaleString('en')} instances, CRM ${check.crmRows.toLocaleString('en')} rows; lost ${check.lost}, duplicated ${check.duplicated}, stale ${check.stale}, other instants or title ${check.mismatched}${check.examples.length ? `\n  ${check.examples.join('\n  ')}` : ''}`);

    const latency = (value: number | null) => (value === null ? '-' : mark(value <= TARGETS.latencyP99Ms));
    printTable(
      `Calendar import and two-way sync: ${ours.calendars} calendars, ${ours.occurrences.toLocaleString('en')} occurrences (${SINGLE_EVENTS.toLocaleString('en')} single events, ${SERIES} series), ${PEOPLE_IN_CRM.toLocaleString('en')} people, ${round((performance.now() - started) / 1000, 0)} s in all; ` +
        `load average ${round(loadAtStart, 1)} at the start, ${round(loadavg()[0]!, 1)} at the end, on ${availableParallelism()} cores (times and rates are only worth comparing on a quiet machine)`,
      [
        ['figure', 'ours', 'baseline', 'target', ''],
        ['Graph requests / 1,000 occurrences', String(figures.requestsPer1000), `${figures.baselineRequestsPer1000} (${baseline.sampledCalendars} of ${baseline.calendars} calendars)`, `<= ${TARGETS.requestsPer1000}`, mark(figures.requestsPer1000 <= TARGETS.requestsPer1000)],
        ['occurrences / second (end to end)', String(figures.occurrencesPerSecond), '-', '-', ''],
        ['peak CRM process RSS (MB)', String(figures.peakRssMb), '-', '-', ''],
        [`Outlook edit -> CRM p50 (ms, via ${inbound.via})`, text(figures.inboundP50Ms), '-', '-', ''],
        [`Outlook edit -> CRM p99 (ms, via ${inbound.via})`, text(figures.inboundP99Ms), '-', `<= ${TARGETS.latencyP99Ms}`, latency(figures.inboundP99Ms)],
        ['CRM edit -> Outlook p50 (ms, push beside)', text(figures.outboundP50Ms), '-', '-', ''],
        ['CRM edit -> Outlook p99 (ms, push beside)', text(figures.outboundP99Ms), '-', `<= ${TARGETS.latencyP99Ms}`, latency(figures.outboundP99Ms)],
        ['lost / duplicated', `${figures.lost} / ${figures.duplicated}`, '-', '0 / 0', mark(figures.lost === 0 && figures.duplicated === 0)],
        ['echoes re-applied', text(figures.echoesReapplied), '-', '0', figures.echoesReapplied === null ? '-' : mark(figures.echoesReapplied === 0)],
      ],
    );
    console.log(JSON.stringify(figures));
    const wrong = check.lost > 0 || check.duplicated > 0 || check.mismatched > 0 || check.stale > 0 || (outbound.echoesReapplied ?? 0) > 0 || (outbound.outboxNotApplied ?? 0) > 0;
    return wrong ? 1 : 0;
  } finally {
    await admin.close().catch(() => undefined);
  }
}

runBench({ main, children, stopGraceMs: 5_000, timeoutMs: BENCH_TIMEOUT_MS, cleanUp: async () => compiled?.remove() });
