import { atomFamily } from 'recoil';
import type { MicrosoftSyncRun } from '../graphql/sync-run.types';

export interface SyncLogState {
  open: boolean;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  runs: MicrosoftSyncRun[];
  error: string | null;
  /** How many runs the member asked to see. */
  limit: number;
}

export const SYNC_LOG_FIRST_PAGE = 20;
export const SYNC_LOG_ALL = 100;

/** Per channel id: its sync log disclosure, and the runs it loaded when opened. */
export const syncLogState = atomFamily<SyncLogState, string>({
  key: 'm365/syncLog',
  default: { open: false, status: 'idle', runs: [], error: null, limit: SYNC_LOG_FIRST_PAGE },
});
