// What the orchestrators read about other processes from Linux's /proc: RSS (sampled and peak), CPU time, pids.
import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ; 100 on every mainstream kernel configuration. */
const CLOCK_TICKS_PER_SECOND = 100;

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** VmRSS and VmHWM (the kernel's own peak RSS of the process), in bytes; null when the process is gone. */
export function memoryOf(pid: number): { rss: number; hwm: number } | null {
  const status = read(`/proc/${pid}/status`);
  if (!status) return null;
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** User + system CPU time of a process, in ms (0 when it is gone). */
export function cpuMsOf(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  if (!stat) return 0;
  // Fields after the command name (which may hold spaces), from field 3 on: utime is field 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** The local PostgreSQL server's processes (all of its backends), when it runs on this machine. */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (read(`/proc/${entry}/comm`)?.trim() === 'postgres') pids.push(Number(entry));
  }
  return pids;
}

/** Busy and total CPU time of the whole machine, in ms (all cores). */
export function machineCpuMs(): { busy: number; total: number } {
  const line = read('/proc/stat')?.split('\n')[0] ?? 'cpu 0 0 0 0';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: ((total - idle) * 1000) / CLOCK_TICKS_PER_SECOND, total: (total * 1000) / CLOCK_TICKS_PER_SECOND };
}

/** CPU of the processes that matter to an import, between `start()` and `stop()`. */
export class CpuWindow {
  private startedAt = 0;
  private readonly before = new Map<number, number>();
  private postgresBefore = new Map<number, number>();
  private machineBefore = { busy: 0, total: 0 };

  constructor(private readonly pids: Record<string, number>) {}

  start(): void {
    this.startedAt = performance.now();
    for (const pid of Object.values(this.pids)) this.before.set(pid, cpuMsOf(pid));
    this.postgresBefore = new Map(postgresPids().map((pid) => [pid, cpuMsOf(pid)]));
    this.machineBefore = machineCpuMs();
  }

  /** CPU ms per named process, `postgres` (null when not local), `machine` (all cores) and the window's wall ms. */
  stop(): Record<string, number | null> {
    const wallMs = performance.now() - this.startedAt;
    const result: Record<string, number | null> = { wallMs };
    for (const [name, pid] of Object.entries(this.pids)) result[name] = cpuMsOf(pid) - (this.before.get(pid) ?? 0);
    const postgres = postgresPids();
    // Backends born during the window count from zero.
    result.postgres = postgres.length === 0 ? null : postgres.reduce((sum, pid) => sum + cpuMsOf(pid) - (this.postgresBefore.get(pid) ?? 0), 0);
    const machine = machineCpuMs();
    result.machine = machine.busy - this.machineBefore.busy;
    return result;
  }
}

/** The local process named `command` whose command line names `port` (several Redis servers may run here). */
export function pidOf(command: string, port: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (read(`/proc/${entry}/comm`)?.trim() !== command) continue;
    if (read(`/proc/${entry}/cmdline`)?.includes(`:${port}`)) return Number(entry);
  }
  return null;
}
