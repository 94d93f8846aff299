import { COMPANY_EVENTS_QUERY, COMPANY_THREADS_QUERY, PERSON_EVENTS_QUERY, PERSON_THREADS_QUERY } from '../api/host.documents';
import type { RecordObjectName, TimelineCalendarEventsWithTotal, TimelineThreadsWithTotal } from '../api/host.types';
import { useQuery } from '../api/use-query';
import { participantName, threadRowView } from '../emails/thread-row-view';
import { EmptyState } from '../ui/EmptyState';
import { formatDateTime } from '../ui/format-date';

const RECENT = 10;

interface TimelineItem {
  id: string;
  kind: 'email' | 'event';
  at: string | null;
  text: string;
}

/** The record's latest emails and meetings in one list, newest first. */
export function TimelineTab({ objectName, recordId }: { objectName: RecordObjectName; recordId: string }) {
  const variables = { id: recordId, page: 1, pageSize: RECENT };
  const threads = useQuery<{ threads: TimelineThreadsWithTotal }>(objectName === 'person' ? PERSON_THREADS_QUERY : COMPANY_THREADS_QUERY, variables);
  const events = useQuery<{ events: TimelineCalendarEventsWithTotal }>(objectName === 'person' ? PERSON_EVENTS_QUERY : COMPANY_EVENTS_QUERY, variables);
  if (!threads.data || !events.data) return threads.loading || events.loading ? <p className="muted">Loading…</p> : null;

  const items: TimelineItem[] = [
    ...threads.data.threads.timelineThreads.map((thread) => {
      const view = threadRowView(thread);
      const who = view.participants.map(participantName).join(', ');
      return { id: `thread-${thread.id}`, kind: 'email' as const, at: thread.lastMessageReceivedAt, text: view.subject ? `${who}: ${view.subject}` : `Email with ${who}` };
    }),
    ...events.data.events.timelineCalendarEvents.map((event) => ({
      id: `event-${event.id}`,
      kind: 'event' as const,
      at: event.startsAt,
      text: event.title ?? 'Busy',
    })),
  ].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));

  if (items.length === 0) return <EmptyState title="No activity yet" testId="timeline-empty" />;
  return (
    <ul className="timeline" data-testid="timeline">
      {items.map((item) => (
        <li key={item.id} className="timeline-item">
          <span className={`timeline-dot timeline-${item.kind}`} aria-hidden="true" />
          <span className="timeline-text">{item.text}</span>
          <span className="muted">{formatDateTime(item.at)}</span>
        </li>
      ))}
    </ul>
  );
}
