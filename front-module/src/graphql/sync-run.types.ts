import type { SyncChannelKind, SyncRunAction, SyncRunOutcome, SyncRunTrigger } from '@m365/shared-types';

/** One entry of a channel's sync log, as `microsoftSyncRuns` returns it. */
export interface MicrosoftSyncRun {
  id: string;
  channelKind: SyncChannelKind;
  trigger: SyncRunTrigger;
  outcome: SyncRunOutcome;
  startedAt: string;
  finishedAt: string | null;
  /** How many runs this entry stands for (busy routine runs of the same hour share one). */
  passes: number;
  durationMs: number;
  created: number;
  updated: number;
  deleted: number;
  foldersSynced: number;
  foldersRestarted: string[];
  errorCode: string | null;
  /** What went wrong, in plain words. */
  errorMessage: string | null;
  action: SyncRunAction | null;
  /** When the CRM tries again by itself. */
  retryAt: string | null;
}
