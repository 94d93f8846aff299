import { HOST_JOB_SYSTEM, type HostJobSystem } from '@m365/shared-types';
import { diffSnapshots, snapshotDatabase, type DatabaseSnapshot } from '../../../test-support/database-snapshot.js';
import { eventually, type TestHost } from '../../../test-support/index.js';

/** Tables that move with time alone: the running process's heartbeat. */
const CLOCK_TABLES = ['public.microsoftWorkerProcess'];
/** Longer than the push debouncer's widest window (500 ms), so a request it holds back would have been made. */
const SETTLE_MS = 700;

export interface WorkSeen {
  jobs: string[];
  graphRequests: number;
  tokensIssued: number;
  changedTables: string[];
}

/**
 * Watches for the work an attack might set off: jobs queued that name one of `subjects` (channel or subscription ids),
 * Graph requests counted for the mailbox, tokens the identity platform issued, and rows changed anywhere.
 */
export class WorkWatch {
  private readonly jobs: string[] = [];

  constructor(
    private readonly host: TestHost,
    private readonly mailbox: string,
    private readonly subjects: () => string[],
  ) {
    const system = host.app.get<HostJobSystem>(HOST_JOB_SYSTEM);
    const add = system.add.bind(system);
    system.add = (async (queue: string, name: string, data: unknown, options?: { jobId?: string }) => {
      this.jobs.push(`${queue}/${name} ${JSON.stringify({ data, jobId: options?.jobId })}`);
      return add(queue, name, data as never, options as never);
    }) as HostJobSystem['add'];
  }

  graphRequests(): number {
    const mailbox = this.mailbox.toLowerCase();
    return this.host.emulator!.store.outlookLimits.getRequestCounters().filter((counter) => counter.mailbox.toLowerCase().includes(mailbox.split('@')[0]!)).reduce((sum, counter) => sum + counter.counted, 0);
  }

  /** Jobs queued since `from` (an index into the log) that name a watched id. */
  jobsSince(from: number): string[] {
    const subjects = this.subjects();
    return this.jobs.slice(from).filter((line) => subjects.some((subject) => line.includes(subject)));
  }

  get jobCount(): number {
    return this.jobs.length;
  }

  /** Waits until nothing of the mailbox moves: no lease held, no notification waiting, no Graph request for a second. */
  async settle(timeoutMs = 30_000): Promise<void> {
    let last = -1;
    let stableSince = Date.now();
    await eventually(async () => {
      const busy = (await this.host.dataSource.query(`SELECT 1 FROM "microsoftSyncLease" UNION ALL SELECT 1 FROM "microsoftNotification" WHERE "processedAt" IS NULL LIMIT 1`)).length > 0;
      const now = this.graphRequests();
      if (busy || now !== last) {
        last = now;
        stableSince = Date.now();
        return false;
      }
      return Date.now() - stableSince > 1_000;
    }, timeoutMs, 'the mailbox at rest');
  }

  /** Runs `attack`, lets any work it set off begin, and reports what moved. */
  async during(attack: () => Promise<void>): Promise<WorkSeen> {
    const before = await this.snapshot();
    const jobsFrom = this.jobs.length;
    const graphBefore = this.graphRequests();
    const tokensBefore = this.host.emulator!.store.listIssuedTokens().length;
    await attack();
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const after = await this.snapshot();
    return {
      jobs: this.jobsSince(jobsFrom),
      graphRequests: this.graphRequests() - graphBefore,
      tokensIssued: this.host.emulator!.store.listIssuedTokens().length - tokensBefore,
      changedTables: [...new Set(diffSnapshots(before, after).map((difference) => difference.table))],
    };
  }

  private async snapshot(): Promise<DatabaseSnapshot> {
    const snapshot = await snapshotDatabase(this.host.dataSource);
    for (const table of CLOCK_TABLES) snapshot.delete(table);
    return snapshot;
  }
}

export const NO_WORK: WorkSeen = { jobs: [], graphRequests: 0, tokensIssued: 0, changedTables: [] };
