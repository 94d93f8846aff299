import { useEffect } from 'react';
import { MESSAGE_THREAD_QUERY } from '../api/host.documents';
import type { MessageThread } from '../api/host.types';
import { useQuery } from '../api/use-query';
import { Avatar } from '../ui/Avatar';
import { formatDateTime } from '../ui/format-date';
import { EMAILS_REFRESH_MS } from './emails-refresh';
import { participantName } from './thread-row-view';
import { ThreadSlot } from '../extensions/ThreadSlot';

/** The right-hand drawer Twenty opens for a thread: its subject, then each message with sender, recipients and text. */
export function ThreadSidePanel({ threadId, onClose }: { threadId: string; onClose(): void }) {
  const { data, error, loading } = useQuery<{ messageThread: MessageThread | null }>(MESSAGE_THREAD_QUERY, { id: threadId }, { refreshIntervalMs: EMAILS_REFRESH_MS });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const thread = data?.messageThread;
  return (
    <aside className="side-panel" data-testid="thread-panel" aria-label="Email thread">
      <header className="side-panel-header">
        <h2>{thread?.subject ?? (loading ? 'Loading…' : 'Thread')}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {thread && thread.messages.length > 0 && <ThreadSlot messageThreadId={threadId} messageIds={thread.messages.map((message) => message.id)} />}
      <div className="side-panel-body">
        {error && <p className="form-error">{error}</p>}
        {!loading && !thread && !error && <p className="muted">This thread is no longer available.</p>}
        {thread?.messages.map((message) => {
          const sender = message.sender ? participantName(message.sender) : 'Unknown sender';
          const recipients = message.participants.filter((participant) => participant.role !== 'from').map(participantName);
          return (
            <article key={message.id} className="thread-message" data-testid="thread-message">
              <header className="thread-message-header">
                <Avatar name={sender} size={24} url={message.sender?.avatarUrl} />
                <div className="thread-message-from">
                  <strong>{sender}</strong>
                  {recipients.length > 0 && <span className="muted">to {recipients.join(', ')}</span>}
                </div>
                <span className="muted">{formatDateTime(message.receivedAt)}</span>
              </header>
              <div className="thread-message-text">{message.text}</div>
            </article>
          );
        })}
      </div>
    </aside>
  );
}
