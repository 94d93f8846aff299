import { useId } from 'react';
import { pushStatusView, type PushSubject } from '../../accounts/push-status';
import type { MicrosoftMessageChannel } from '../../graphql/microsoft-account.types';
import { useNow } from '../hooks/useNow';

interface PushStatusIndicatorProps {
  channel: Pick<MicrosoftMessageChannel, 'isSyncEnabled' | 'push'>;
  testId: string;
  /** Also show why push is off, under the line (the Emails section does; the compact header line does not). */
  showReason?: boolean;
  /** Whose changes push carries, for the words (mail unless told). */
  subject?: PushSubject;
}

/** "● Real-time: live" with the renewal date and last notification on hover or focus; "starting…" or "off — checking every 5 minutes" otherwise. */
export function PushStatusIndicator({ channel, testId, showReason = false, subject = 'mail' }: PushStatusIndicatorProps) {
  const view = pushStatusView(channel, useNow(), undefined, subject);
  const tooltipId = `${useId()}-push-tooltip`;
  return (
    <span className={`m365-push is-${view.kind.toLowerCase()}`} data-testid={testId} data-push={view.kind}>
      <span className="m365-push-line" tabIndex={0} aria-describedby={tooltipId} data-testid={`${testId}-line`}>
        <span className={`m365-push-dot m365-push-dot-${view.tone}`} aria-hidden="true" />
        <span className="m365-push-text" data-testid={`${testId}-text`}>
          {view.text}
        </span>
        <span className="m365-push-tooltip" role="tooltip" id={tooltipId} data-testid={`${testId}-tooltip`}>
          {view.tooltip}
        </span>
      </span>
      {showReason && view.reason && (
        <span className="m365-push-reason" data-testid={`${testId}-reason`}>
          {view.reason}
        </span>
      )}
    </span>
  );
}
