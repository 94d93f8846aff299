import { useRecoilValue } from 'recoil';
import { calendarImportProgressView } from '../../accounts/import-progress';
import type { MicrosoftCalendarChannel } from '../../graphql/microsoft-account.types';
import { channelSyncRetryState } from '../../state/mail-sync.state';
import { useNow } from '../hooks/useNow';

/** The calendar import in one line (with a bar while the first import runs, Retry when it failed), as the mail import shows its own. */
export function CalendarSyncProgress({ channel, onRetry }: { channel: MicrosoftCalendarChannel; onRetry(): void }) {
  const view = calendarImportProgressView(channel, useNow());
  const retry = useRecoilValue(channelSyncRetryState(channel.id));
  const failed = view.kind === 'FAILED' || view.kind === 'RECONNECT_NEEDED';
  return (
    <div className={`m365-sync-progress is-${view.kind.toLowerCase()}`} data-testid="calendar-sync-progress" data-kind={view.kind}>
      <div className="m365-sync-progress-line">
        {failed && (
          <span className="m365-sync-progress-icon" aria-hidden="true">
            !
          </span>
        )}
        <span className="m365-sync-progress-text" data-testid="calendar-sync-progress-text">
          {view.text}
        </span>
        {view.kind === 'IMPORTING' && view.percent !== null && <span className="m365-sync-progress-percent">{view.percent}%</span>}
        {view.canRetry && (
          <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={onRetry} disabled={retry.status === 'retrying'} data-testid="retry-calendar-sync">
            {retry.status === 'retrying' ? 'Retrying…' : 'Retry'}
          </button>
        )}
      </div>
      {view.kind === 'IMPORTING' && (
        <div className={`m365-progress${view.percent === null ? ' is-indeterminate' : ''}`} role="progressbar" aria-label="Events imported" aria-valuemin={0} aria-valuemax={100} aria-valuenow={view.percent ?? undefined}>
          <span className="m365-progress-fill" style={view.percent === null ? undefined : { width: `${Math.max(view.percent, 2)}%` }} />
        </div>
      )}
      {view.reason && (
        <p className="m365-sync-progress-reason" data-testid="calendar-sync-error">
          {view.reason}
        </p>
      )}
      {retry.status === 'failed' && (
        <p className="m365-error-text" data-testid="calendar-sync-retry-error">
          Could not retry: {retry.error}
        </p>
      )}
    </div>
  );
}
