import type { TimelineThread } from '../api/host.types';
import { Avatar } from '../ui/Avatar';
import { formatRelativeDate } from '../ui/format-date';
import { participantName, threadRowView } from './thread-row-view';

export function EmailThreadRow({ thread, onOpen }: { thread: TimelineThread; onOpen(): void }) {
  const view = threadRowView(thread);
  const names = view.participants.map(participantName);
  return (
    <li
      className={`thread-row${view.canOpen ? ' can-open' : ''}${thread.read ? '' : ' is-unread'}`}
      data-testid="thread-row"
      data-visibility={thread.visibility}
      onClick={view.canOpen ? onOpen : undefined}
      onKeyDown={view.canOpen ? (event) => event.key === 'Enter' && onOpen() : undefined}
      tabIndex={view.canOpen ? 0 : undefined}
      role={view.canOpen ? 'button' : undefined}
    >
      <span className="thread-participants">
        {view.participants[0] && <Avatar name={names[0]!} size={18} url={view.participants[0].avatarUrl} />}
        <span className="thread-names">{names.join(', ')}</span>
        {view.hiddenParticipantCount > 0 && <span className="muted">+{view.hiddenParticipantCount}</span>}
        {thread.numberOfMessagesInThread > 1 && <span className="thread-count">{thread.numberOfMessagesInThread}</span>}
      </span>
      <span className="thread-content">
        {view.subject !== null ? <span className="thread-subject">{view.subject}</span> : <span className="muted thread-hidden">Subject hidden</span>}
        {view.preview && <span className="thread-preview">{view.preview}</span>}
        {!view.canOpen && thread.visibility === 'SUBJECT' && <span className="muted thread-hidden">Content hidden</span>}
      </span>
      <span className="thread-date">{formatRelativeDate(thread.lastMessageReceivedAt)}</span>
    </li>
  );
}
