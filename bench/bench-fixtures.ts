// What every process of the import benchmark shares: the mailbox, the CRM's people, the emulator's admin API,
// and the messages exchanged between the orchestrator and its children.
import { Agent, fetch } from 'undici';
import { DEMO_DIRECTORY, type RequestCounter } from '@m365/graph-emulator';
import { NOT_IMPORTED_FOLDERS } from './shared/crm-mailboxes.js';
import type { EmulatorEndpoints } from './shared/emulator-endpoints.js';

/** The bench mailbox (its owner, BENCH_MEMBER, is the member signed in to the CRM). */
export const BENCH_USER = 'megan.bowen@contoso.com';
export const PEOPLE_IN_CRM = 2_000;
/** Addresses the mailbox writes with that the CRM does not know (contact auto-creation's share of the work). */
export const UNKNOWN_CORRESPONDENTS = 250;
export const MAILBOX_SEED = 2026;
/** The importer's page size (its default; written here so that the bench states what it measured). */
export const MAIL_PAGE_SIZE = 100;

export interface BenchPerson {
  firstName: string;
  lastName: string;
  email: string;
  companyDomain: string;
}

const FIRST = ['Ava', 'Ben', 'Chen', 'Dana', 'Emil', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jia', 'Kofi', 'Lena', 'Milo', 'Nora', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tara'];
const LAST = ['Adler', 'Brandt', 'Costa', 'Dahl', 'Eze', 'Fischer', 'Garcia', 'Haas', 'Ito', 'Jensen', 'Khan', 'Lund', 'Meyer', 'Nakamura', 'Olsen', 'Park', 'Quist', 'Rossi', 'Silva', 'Tanaka'];

/**
 * The people the CRM holds beyond the demo directory's, so that it holds `total` in all: deterministic,
 * spread over the demo companies' domains (participants then match people and companies alike).
 */
export function extraPeople(total = PEOPLE_IN_CRM): BenchPerson[] {
  const domains = DEMO_DIRECTORY.companies.map((company) => company.domain);
  const count = total - DEMO_DIRECTORY.people.length;
  return Array.from({ length: count }, (_, index) => {
    const firstName = FIRST[index % FIRST.length]!;
    const lastName = LAST[Math.floor(index / FIRST.length) % LAST.length]!;
    const companyDomain = domains[index % domains.length]!;
    return { firstName, lastName, companyDomain, email: `${firstName}.${lastName}.${index}@${companyDomain}`.toLowerCase() };
  });
}

/** Whom the seeded mailbox corresponds with: every person of the CRM, plus some addresses the CRM does not know. */
export function mailboxCorrespondents(): string[] {
  const unknown = Array.from({ length: UNKNOWN_CORRESPONDENTS }, (_, index) => `sender${index}@external-${index % 25}.example.org`);
  return [...DEMO_DIRECTORY.people.map((person) => person.email), ...extraPeople().map((person) => person.email), ...unknown];
}

// ---- the emulator, as the other processes see it ---------------------------------------------------------------

export interface MessageSummaryView {
  id: string;
  immutableId: string;
  folder: string;
  conversationId: string;
  internetMessageId: string;
}

/** The emulator's `/_admin` API over HTTPS, trusting only the emulator's CA. */
export class EmulatorAdmin {
  private readonly agent: Agent;

  constructor(readonly endpoints: Pick<EmulatorEndpoints, 'baseUrl' | 'caCertPem'>) {
    this.agent = new Agent({ connect: { ca: endpoints.caCertPem }, headersTimeout: 120_000, bodyTimeout: 120_000 });
  }

  /** Any `/_admin` route: the JSON it answers, or an error naming the status. */
  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.endpoints.baseUrl}/_admin${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: this.agent,
      signal: AbortSignal.timeout(120_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  seedMailbox(messages: number): Promise<{ messages: number; conversations: number; folders: Array<{ displayName: string; totalItemCount: number }> }> {
    return this.call('POST', `/mailboxes/${encodeURIComponent(BENCH_USER)}/seed`, {
      messages,
      folders: 2,
      nestedFolders: 1,
      seed: MAILBOX_SEED,
      correspondents: mailboxCorrespondents(),
    });
  }

  updateMailSettings(patch: Record<string, unknown>): Promise<unknown> {
    return this.call('PUT', '/mail-settings', patch);
  }

  async requestCounters(): Promise<RequestCounter[]> {
    return (await this.call<{ value: RequestCounter[] }>('GET', '/requests')).value;
  }

  resetRequestCounters(): Promise<unknown> {
    return this.call('DELETE', '/requests');
  }

  /** The messages of the folders the importer imports (every folder but drafts, junk, deleted items, outbox…). */
  async importableMessages(): Promise<MessageSummaryView[]> {
    const { value } = await this.call<{ value: MessageSummaryView[] }>('GET', `/mailboxes/${encodeURIComponent(BENCH_USER)}/messages?top=10000000`);
    return value.filter((message) => !NOT_IMPORTED_FOLDERS.has(message.folder));
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** The counter of this app on the bench mailbox (one row per app and mailbox). */
export function mailboxCounter(counters: RequestCounter[], appId: string): RequestCounter {
  const mine = counters.filter((counter) => counter.appId === appId);
  return mine.reduce<RequestCounter>(
    (sum, counter) => ({
      ...sum,
      counted: sum.counted + counter.counted,
      batchEnvelopes: sum.batchEnvelopes + counter.batchEnvelopes,
      batchItems: sum.batchItems + counter.batchItems,
      throttled: sum.throttled + counter.throttled,
      faults: sum.faults + counter.faults,
      peakInFlight: Math.max(sum.peakInFlight, counter.peakInFlight),
      byStatus: Object.fromEntries(
        [...new Set([...Object.keys(sum.byStatus), ...Object.keys(counter.byStatus)])].map((status) => [status, (sum.byStatus[status] ?? 0) + (counter.byStatus[status] ?? 0)]),
      ),
    }),
    { appId, mailbox: BENCH_USER, counted: 0, batchEnvelopes: 0, batchItems: 0, throttled: 0, faults: 0, peakInFlight: 0, byStatus: {} },
  );
}

// ---- messages between the orchestrator and the worker ------------------------------------------------------------

export type WorkerMode = 'ours' | 'baseline' | 'limits' | 'memory';

export interface WorkerTask {
  mode: WorkerMode;
  emulator: EmulatorEndpoints;
  /** Throttling at Microsoft's limits during the pass. */
  throttled: boolean;
}

export interface PassTimings {
  /** Wall time of the pass. */
  wallMs: number;
  /** Sum over pages of the time spent in the host port's saveMessagesPage (pages of several folders overlap). */
  writeMs: number;
  writes: number;
  /** Sum over Graph HTTP exchanges of the time until the response headers arrived (exchanges overlap). */
  graphMs: number;
  graphExchanges: number;
  /** This process's CPU time during the pass. */
  cpuUserMs: number;
  cpuSystemMs: number;
  /** Share of the pass the event loop was busy (1 = this process was CPU-bound on its one thread). */
  eventLoopUtilization: number;
}

/** One pass over the mailbox. A failed pass is followed by another, as the job system would run it. */
export interface PassRecord {
  outcome: string;
  ms: number;
  /** Why it failed (the error code the plugin recorded, or the exception), when it did. */
  error: string | null;
  /** Page writes this pass made, and how many of them its folder walks started after the pass had returned. */
  writes?: number;
  writesAfterReturn?: number;
}

export interface ImportedReport {
  type: 'imported';
  mode: WorkerMode;
  /** The last pass's outcome. */
  outcome: string;
  passes: PassRecord[];
  /** Delays the plugin asked its job system to retry after (the bench retries at once instead). */
  productRetryDelaysMs: number[];
  messagesWritten: number;
  timings: PassTimings;
  counter: RequestCounter;
  /** `process.resourceUsage().maxRSS` at the end of the import, in kB. */
  maxRssKb: number;
  /** RSS when the pass started (the dev host up, the account connected). */
  rssAtPassStartBytes: number;
  /** Highest RSS sampled every 100 ms by the worker itself during the import, in bytes. */
  sampledPeakRssBytes: number;
  throttling: ThrottlingReport;
}

export interface ThrottlingReport {
  /** 429 answers seen by the plugin's transport (top-level and inside `$batch`). */
  seen429: number;
  /** Of those, the ones never followed by a successful answer to the same request (see throttle-observer.ts). */
  unwaited429: number;
  /** Warnings and errors the plugin logged that mention throttling. */
  throttlingLogLines: string[];
  passFailedForThrottling: boolean;
  lastErrorCode: string | null;
}

export interface VerifiedReport {
  type: 'verified';
  mailboxMessages: number;
  crmMessages: number;
  /** In the mailbox, not in the CRM. */
  lost: number;
  /** In the CRM, not in the mailbox. */
  unexpected: number;
  /** Associations of the channel beyond one per email, plus message rows beyond one per email. */
  duplicates: number;
  threads: number;
  conversations: number;
  participants: number;
  matchedParticipants: number;
}

export type WorkerMessage = { type: 'ready' } | { type: 'database'; name: string } | { type: 'passStarted' } | { type: 'passEnded' } | ImportedReport | VerifiedReport | { type: 'failed'; error: string };
