import { useCallback, useEffect } from 'react';
import { useRecoilState } from 'recoil';
import type { SyncChannelKind } from '@m365/shared-types';
import { SYNC_RUNS_QUERY } from '../../graphql/sync-run.documents';
import type { MicrosoftSyncRun } from '../../graphql/sync-run.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { SYNC_LOG_ALL, syncLogState } from '../../state/sync-log.state';

/**
 * A channel's sync log: loaded when its disclosure opens, and again whenever `refreshKey` changes while it is open
 * (the accounts list, which Settings polls during an import, moves it when a run starts, progresses or ends).
 */
export function useSyncLog(host: FrontHost, channelKind: SyncChannelKind, channelId: string, refreshKey: string) {
  const [state, setState] = useRecoilState(syncLogState(channelId));
  const { open, limit } = state;

  const load = useCallback(async () => {
    setState((current) => ({ ...current, status: current.status === 'loaded' ? 'loaded' : 'loading' }));
    try {
      const data = await host.graphql<{ microsoftSyncRuns: MicrosoftSyncRun[] }>(SYNC_RUNS_QUERY, { channelKind, channelId, limit });
      setState((current) => ({ ...current, status: 'loaded', runs: data.microsoftSyncRuns, error: null }));
    } catch (error) {
      setState((current) => ({ ...current, status: 'failed', error: error instanceof Error ? error.message : String(error) }));
    }
  }, [host, channelKind, channelId, limit, setState]);

  useEffect(() => {
    if (open) void load();
  }, [open, load, refreshKey]);

  const setOpen = useCallback((next: boolean) => setState((current) => (current.open === next ? current : { ...current, open: next })), [setState]);
  const showAll = useCallback(() => setState((current) => ({ ...current, limit: SYNC_LOG_ALL })), [setState]);
  return { state, setOpen, showAll };
}
