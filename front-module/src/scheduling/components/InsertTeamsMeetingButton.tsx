import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { SCHEDULING_ACCOUNTS_QUERY } from '../scheduling.documents';
import type { SchedulingAccount, TeamsLink, TeamsMeetings } from '../scheduling.types';
import { useTeamsLink } from '../hooks/useTeamsLink';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The join block put in the message: the link, and the meeting id and passcode for those who dial in by id. */
export function teamsMeetingHtml(link: TeamsLink): string {
  const details = [link.joinMeetingId && `Meeting ID: ${escapeHtml(link.joinMeetingId)}`, link.passcode && `Passcode: ${escapeHtml(link.passcode)}`].filter(Boolean).join(' · ');
  return `<p><strong>Microsoft Teams meeting</strong><br><a href="${escapeHtml(link.joinWebUrl)}">Join the meeting now</a>${details ? `<br>${details}` : ''}</p>`;
}

/** "Insert Teams meeting" in the composer's toolbar: for the account the mail goes from; disabled with the reason. */
export function InsertTeamsMeetingButton({ host, connectedAccountId, insertHtml }: { host: FrontHost; connectedAccountId: string | null; insertHtml(html: string): void }) {
  const [teams, setTeams] = useState<TeamsMeetings | null>(null);
  const { creating, error, create } = useTeamsLink(host);
  useEffect(() => {
    if (!connectedAccountId) return;
    let live = true;
    host
      .graphql<{ microsoftAccounts: SchedulingAccount[] }>(SCHEDULING_ACCOUNTS_QUERY)
      .then((data) => live && setTeams(data.microsoftAccounts.find((account) => account.id === connectedAccountId)?.teamsMeetings ?? null))
      .catch(() => live && setTeams(null));
    return () => {
      live = false;
    };
  }, [host, connectedAccountId]);
  if (!connectedAccountId || !teams) return null;
  const insert = async () => {
    const link = await create(connectedAccountId);
    if (link) insertHtml(teamsMeetingHtml(link));
  };
  return (
    <>
      <button
        type="button"
        className="m365-editor-button m365-editor-teams"
        disabled={!teams.available || creating}
        title={teams.reason ?? 'Insert Teams meeting'}
        aria-label="Insert Teams meeting"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => void insert()}
        data-testid="insert-teams-meeting"
      >
        {creating ? 'Teams…' : 'Teams'}
      </button>
      {!teams.available && <span className="m365-muted m365-editor-note" data-testid="insert-teams-meeting-reason">{teams.reason}</span>}
      {error && <span className="m365-form-error">{error}</span>}
    </>
  );
}
