import { useState } from 'react';
import type { RecordSlotProps } from '../../plugin-front/plugin-front.types';
import { useSchedulingAccount } from '../hooks/useSchedulingAccount';
import { useTeamsLink } from '../hooks/useTeamsLink';

/** "Share a Teams link" on a record: a new Teams meeting, its join link copied to the clipboard (and shown). */
export function ShareTeamsLinkAction({ host }: RecordSlotProps) {
  const { account } = useSchedulingAccount(host);
  const { link, creating, error, create } = useTeamsLink(host);
  const [copied, setCopied] = useState(false);
  if (!account) return null;
  const { available, reason } = account.teamsMeetings;
  const share = async () => {
    const made = await create(account.id);
    if (!made) return;
    // The clipboard may be refused (no permission, not a secure page): the link is shown to copy by hand.
    setCopied(await navigator.clipboard?.writeText(made.joinWebUrl).then(() => true, () => false) ?? false);
  };
  return (
    <span className="m365-teams-share">
      <button type="button" className="m365-button m365-button-secondary" disabled={!available || creating} title={reason ?? 'Create a Teams meeting and copy its join link'} onClick={() => void share()} data-testid="share-teams-link">
        {creating ? 'Creating…' : 'Share a Teams link'}
      </button>
      {!available && <span className="m365-muted" data-testid="share-teams-link-reason">{reason}</span>}
      {link && (
        <span className="m365-muted" data-testid="teams-link-shared">
          {copied ? 'Link copied: ' : 'Copy this link: '}
          <input readOnly className="m365-teams-link" value={link.joinWebUrl} aria-label="Teams join link" onFocus={(event) => event.target.select()} data-testid="teams-link-url" />
        </span>
      )}
      {error && <span className="m365-form-error" role="alert">{error}</span>}
    </span>
  );
}
