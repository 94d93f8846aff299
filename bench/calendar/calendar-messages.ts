// What the calendar bench's orchestrator and its CRM worker tell each other over IPC.
import type { EmulatorEndpoints } from '../shared/emulator-endpoints.js';
import type { PageTimings } from './page-timings.js';

export interface CalendarWorkerTask {
  emulator: EmulatorEndpoints;
  /** Outlook edits timed from the edit to the CRM. */
  inboundEdits: number;
  /** CRM edits timed from the edit to Outlook (when this build writes to Outlook). */
  outboundEdits: number;
}

export interface RequestTally {
  /** What the emulator counted for the app on the mailbox (top-level requests plus each `$batch` item). */
  counted: number;
  /** The same requests as the worker saw them leave, by what they asked for. */
  byKind: Record<string, number>;
}

export interface ImportFigures {
  outcome: string;
  occurrences: number;
  wallMs: number;
  requests: RequestTally;
  pageSize: number;
  calendars: number;
  /** Page writes and Graph exchanges of the import, each summed (two calendars are walked side by side). */
  timings: PageTimings;
}

export interface BaselineFigures {
  /** Occurrence ids the delta walk listed and the baseline then fetched one GET at a time (the sampled calendars'). */
  occurrences: number;
  /** The calendars it walked (a sample: its cost per occurrence does not depend on how many) and all there are. */
  sampledCalendars: number;
  calendars: number;
  wallMs: number;
  requests: RequestTally;
}

export interface LatencyFigures {
  /** `push` (the figures) or `pass` (see inbound-delivery.ts); `mutation` for outbound. */
  via: string;
  samples: number[];
  /** Quick passes the plugin's push job ran during the stage (inbound). */
  pushPasses?: number;
  /** Why there are no samples, when there are none. */
  notMeasured: string | null;
}

export interface OutboundFigures extends LatencyFigures {
  /** Edited CRM rows written again after the plugin acknowledged its own write. */
  echoesReapplied: number | null;
  /** Echoes the plugin's echo filter recognised and skipped during the stage. */
  echoesSkipped: number | null;
  /** Outlook-side edits on other events made while the CRM's edits ran. */
  outlookEdits: number;
  /** Edited events whose last outbound write did not end APPLIED. */
  outboxNotApplied: number | null;
  /** A few of the rows written again after their acknowledgement, as the database has them. */
  reappliedExamples?: string[];
}

export interface CheckFigures {
  outlookInstances: number;
  crmRows: number;
  /** In Outlook's calendarView, not in the CRM. */
  lost: number;
  /** Rows beyond one per Outlook instance (the same id twice, or the same iCalUId twice). */
  duplicated: number;
  /** In the CRM, gone from Outlook. */
  stale: number;
  /** The same instance, other start, end or title. */
  mismatched: number;
  examples: string[];
}

export interface CalendarReport {
  type: 'report';
  import: ImportFigures;
  baseline: BaselineFigures;
  inbound: LatencyFigures;
  outbound: OutboundFigures;
  check: CheckFigures;
}

export type CalendarWorkerMessage =
  | { type: 'ready' }
  | { type: 'database'; name: string }
  | { type: 'importStarted' }
  | { type: 'importEnded' }
  | { type: 'stage'; line: string }
  | CalendarReport
  | { type: 'failed'; error: string };
