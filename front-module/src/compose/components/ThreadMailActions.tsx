import { useCallback, useEffect, useState } from 'react';
import type { ThreadSlotProps } from '../../plugin-front/plugin-front.types';
import { ARCHIVE_THREAD_MUTATION, MARK_THREAD_READ_MUTATION, THREAD_MAIL_STATE_QUERY } from '../compose.documents';
import type { ResponseKind, ThreadMailState } from '../compose.types';
import { ComposerDialog } from './ComposerDialog';
import { ThreadOutOfOffice } from './ThreadOutOfOffice';

const LABELS: Record<ResponseKind, string> = { REPLY: 'Reply', REPLY_ALL: 'Reply all', FORWARD: 'Forward' };

/**
 * The thread panel's Microsoft actions: Reply / Reply all / Forward (from the thread's latest message), read/unread
 * and Archive. Each follows what the account granted: no Mail.Send, no reply ("Reconnect to allow sending");
 * no Mail.ReadWrite, no read toggle or Archive.
 */
export function ThreadMailActions({ host, messageThreadId, messageIds }: ThreadSlotProps) {
  const [state, setState] = useState<ThreadMailState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [composing, setComposing] = useState<ResponseKind | null>(null);
  const [archived, setArchived] = useState(false);

  useEffect(() => {
    let live = true;
    host
      .graphql<{ microsoftThreadMailState: ThreadMailState }>(THREAD_MAIL_STATE_QUERY, { id: messageThreadId })
      .then((data) => live && setState(data.microsoftThreadMailState))
      .catch(() => live && setState(null));
    return () => {
      live = false;
    };
  }, [host, messageThreadId]);

  const act = useCallback(
    async (mutation: string, variables: Record<string, unknown>, field: 'markMicrosoftThreadRead' | 'archiveMicrosoftThread') => {
      setBusy(true);
      setError(null);
      try {
        const data = await host.graphql<Record<typeof field, ThreadMailState>>(mutation, { id: messageThreadId, ...variables });
        setState(data[field]);
        if (field === 'archiveMicrosoftThread') setArchived(true);
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [host, messageThreadId],
  );

  if (!state || !state.connectedAccountId) return null;
  const latest = messageIds[messageIds.length - 1];
  return (
    <div className="m365-thread-actions" data-testid="microsoft-thread-actions">
      {latest &&
        (Object.keys(LABELS) as ResponseKind[]).map((kind) => (
          <button key={kind} type="button" className="m365-button m365-button-secondary m365-button-small" disabled={!state.canSend} title={state.canSend ? undefined : state.sendUnavailableReason ?? undefined} onClick={() => setComposing(kind)}>
            {LABELS[kind]}
          </button>
        ))}
      {!state.canSend && <span className="m365-muted">{state.sendUnavailableReason}</span>}
      {state.canManage && (
        <>
          <button
            type="button"
            className="m365-button m365-button-secondary m365-button-small"
            disabled={busy}
            aria-pressed={!state.isRead}
            onClick={() => void act(MARK_THREAD_READ_MUTATION, { read: !state.isRead }, 'markMicrosoftThreadRead')}
            data-testid="thread-read-toggle"
          >
            {state.isRead ? 'Mark unread' : 'Mark read'}
          </button>
          <button type="button" className="m365-button m365-button-secondary m365-button-small" disabled={busy || archived} onClick={() => void act(ARCHIVE_THREAD_MUTATION, {}, 'archiveMicrosoftThread')} data-testid="thread-archive">
            {archived ? 'Archived' : 'Archive'}
          </button>
        </>
      )}
      {error && <span className="m365-form-error" role="alert">{error}</span>}
      <ThreadOutOfOffice host={host} messageThreadId={messageThreadId} />
      {composing && latest && <ComposerDialog host={host} title={LABELS[composing]} start={{ kind: composing, messageId: latest }} onClose={() => setComposing(null)} />}
    </div>
  );
}
