import type { SyncChannelKind } from '@m365/shared-types';
import { syncRunView } from '../../accounts/sync-run-view';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { SYNC_LOG_ALL } from '../../state/sync-log.state';
import { useNow } from '../hooks/useNow';
import { useSyncLog } from '../hooks/useSyncLog';
import { SyncRunItem } from './SyncRunItem';

interface SyncLogProps {
  host: FrontHost;
  channelKind: SyncChannelKind;
  channelId: string;
  /** Changes whenever the channel's sync state does, so an open log stays current. */
  refreshKey: string;
}

/** "Sync log": a channel's recent sync runs in plain words, newest first, loaded when opened. */
export function SyncLog({ host, channelKind, channelId, refreshKey }: SyncLogProps) {
  const { state, setOpen, showAll } = useSyncLog(host, channelKind, channelId, refreshKey);
  const now = useNow();
  const views = state.runs.map((run) => syncRunView(run, now));
  const failures = views.filter((view) => view.tone === 'red' || view.tone === 'amber').length;

  return (
    <details className="m365-sync-log" open={state.open} onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="sync-log">
      <summary className="m365-sync-log-summary" data-testid="sync-log-toggle">
        Sync log
        {state.status === 'loaded' && (
          <span className="m365-sync-log-count">
            {' · '}
            {views.length === 0 ? 'no runs yet' : `${views.length} recent ${views.length === 1 ? 'run' : 'runs'}`}
            {failures > 0 && `, ${failures} with problems`}
          </span>
        )}
      </summary>
      <p className="m365-field-caption">Checks that found nothing new are not listed. Runs are kept for 14 days.</p>
      {state.status === 'loading' && <p className="m365-muted">Loading…</p>}
      {state.status === 'failed' && (
        <p className="m365-error-text" data-testid="sync-log-error">
          Could not load the sync log: {state.error}
        </p>
      )}
      {state.status === 'loaded' && views.length === 0 && <p className="m365-muted">Nothing has run yet.</p>}
      {views.length > 0 && (
        <ol className="m365-sync-log-list" data-testid="sync-log-list">
          {views.map((view) => (
            <SyncRunItem key={view.id} view={view} />
          ))}
        </ol>
      )}
      {state.status === 'loaded' && views.length === state.limit && state.limit < SYNC_LOG_ALL && (
        <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={showAll} data-testid="sync-log-show-more">
          Show older runs
        </button>
      )}
    </details>
  );
}
