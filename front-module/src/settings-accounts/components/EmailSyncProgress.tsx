import { useRecoilValue } from 'recoil';
import { importProgressView } from '../../accounts/import-progress';
import type { MicrosoftMessageChannel } from '../../graphql/microsoft-account.types';
import { channelSyncRetryState } from '../../state/mail-sync.state';
import { useNow } from '../hooks/useNow';

interface EmailSyncProgressProps {
  channel: MicrosoftMessageChannel;
  onRetry(): void;
}

/** The mail import in one line: a bar while importing, the count and last sync when synced, the reason and Retry when failed. */
export function EmailSyncProgress({ channel, onRetry }: EmailSyncProgressProps) {
  const view = importProgressView(channel, useNow());
  const retry = useRecoilValue(channelSyncRetryState(channel.id));
  const failed = view.kind === 'FAILED' || view.kind === 'RECONNECT_NEEDED';

  return (
    <div className={`m365-sync-progress is-${view.kind.toLowerCase()}`} data-testid="email-sync-progress" data-kind={view.kind}>
      <div className="m365-sync-progress-line">
        {failed && (
          <span className="m365-sync-progress-icon" aria-hidden="true">
            !
          </span>
        )}
        <span className="m365-sync-progress-text" data-testid="email-sync-progress-text">
          {view.text}
        </span>
        {view.kind === 'IMPORTING' && view.percent !== null && <span className="m365-sync-progress-percent">{view.percent}%</span>}
        {view.canRetry && (
          <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={onRetry} disabled={retry.status === 'retrying'} data-testid="retry-email-sync">
            {retry.status === 'retrying' ? 'Retrying…' : 'Retry'}
          </button>
        )}
      </div>
      {view.kind === 'IMPORTING' && (
        <div
          className={`m365-progress${view.percent === null ? ' is-indeterminate' : ''}`}
          role="progressbar"
          aria-label="Messages imported"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={view.percent ?? undefined}
          data-testid="email-sync-progress-bar"
        >
          <span className="m365-progress-fill" style={view.percent === null ? undefined : { width: `${Math.max(view.percent, 2)}%` }} />
        </div>
      )}
      {view.reason && (
        <p className="m365-sync-progress-reason" data-testid="email-sync-error">
          {view.reason}
        </p>
      )}
      {retry.status === 'failed' && (
        <p className="m365-error-text" data-testid="email-sync-retry-error">
          Could not retry: {retry.error}
        </p>
      )}
    </div>
  );
}
