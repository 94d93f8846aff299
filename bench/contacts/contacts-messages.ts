// What the contacts bench's orchestrator and its CRM worker tell each other over IPC.
import type { EmulatorEndpoints } from '../shared/emulator-endpoints.js';
import type { ContactKind } from './contacts-seed.js';

export interface ContactsWorkerTask {
  emulator: EmulatorEndpoints;
  crmPeople: number;
  /** Outlook edits timed from the edit to the CRM. */
  inboundEdits: number;
  /** CRM edits timed from the edit to Outlook. */
  outboundEdits: number;
  /** CRM tasks synced to To Do, each ticked there and timed until it is DONE in the CRM. */
  todoTasks: number;
  /** The size of the file the orchestrator uploads through the worker into OneDrive. */
  uploadBytes: number;
}

export interface RequestTally {
  /** What the emulator counted for the app on the mailbox (top-level requests plus each `$batch` item). */
  counted: number;
  /** The same requests as the worker saw them leave, by what they asked for. */
  byKind: Record<string, number>;
}

export interface ContactsImportFigures {
  outcome: string;
  wallMs: number;
  requests: RequestTally;
  pageSize: number;
  folders: number;
  /** Links of the channel after the import: all, those whose person the sync created, those matched to a person. */
  links: number;
  created: number;
  matched: number;
  /** Matched links by how: the contact's address is the person's, or not (name and company). */
  matchedByEmail: number;
  peopleBefore: number;
  peopleAfter: number;
  /** Linked contacts whose person does not carry the contact's name (a wrong match). */
  misnamed: number;
}

export interface LatencySamples {
  samples: number[];
  /** Why the stage stopped early (its samples so far are kept), or null. */
  notMeasured: string | null;
}

export interface OutboundSamples extends LatencySamples {
  /** Outbox rows of the stage not APPLIED once push settled. */
  notApplied: number;
}

export interface PushPasses {
  /** Quick passes the plugin's contacts push job ran during the stage (for outbound: its writes' echoes). */
  pushPasses: number;
}

export interface TodoSamples extends LatencySamples {
  /** Passes of the To Do list during the stage (push passes; a notification arriving during one is taken by it). */
  listPasses: number;
}

export interface ContactsReport {
  type: 'report';
  import: ContactsImportFigures;
  inbound: LatencySamples & PushPasses;
  outbound: OutboundSamples & PushPasses;
  todo: TodoSamples;
}

/** The worker's web side, for the orchestrator's upload: the route, and the member's session. */
export interface UploadReady {
  type: 'uploadReady';
  uploadUrl: string;
  cookie: string;
}

/** The worker's own view of its memory during the upload (process.memoryUsage(), bytes): where the growth is. */
export interface UploadMemory {
  type: 'uploadMemory';
  before: NodeJS.MemoryUsage;
  /** The highest value of each field over the upload, sampled every 10 ms. */
  peak: NodeJS.MemoryUsage;
}

/** The orchestrator's upload is over; the worker may stop. */
export interface UploadDone {
  type: 'uploadDone';
}

export type ContactsWorkerMessage =
  | { type: 'ready' }
  | { type: 'database'; name: string }
  | { type: 'importStarted' }
  | { type: 'importEnded' }
  | { type: 'stage'; line: string }
  | ContactsReport
  | UploadReady
  | UploadMemory
  | { type: 'failed'; error: string };

export type SeededKinds = Record<ContactKind, number>;
