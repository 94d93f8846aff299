import type { TimelineCalendarEvent, TimelineCalendarEventParticipant } from '../api/host.types';
import { participantName } from '../emails/thread-row-view';
import { Avatar } from '../ui/Avatar';
import { formatTime } from '../ui/format-date';

const RESPONSE_LABELS: Record<TimelineCalendarEventParticipant['responseStatus'], string> = {
  ACCEPTED: 'Accepted',
  DECLINED: 'Declined',
  TENTATIVE: 'Maybe',
  NEEDS_ACTION: 'No answer',
};

export function CalendarEventRow({ event }: { event: TimelineCalendarEvent }) {
  const when = event.isFullDay ? 'All day' : `${formatTime(event.startsAt)} – ${formatTime(event.endsAt)}`;
  const link = event.conferenceLink?.primaryLinkUrl;
  return (
    <li className={`calendar-event${event.isCanceled ? ' is-canceled' : ''}`} data-testid="calendar-event" data-canceled={event.isCanceled}>
      <span className="calendar-event-time">{when}</span>
      <div className="calendar-event-main">
        <span className="calendar-event-title">{event.title ?? (event.visibility === 'METADATA' ? 'Busy' : '(no title)')}</span>
        {event.location && <span className="muted">{event.location}</span>}
        {link && (
          <a className="calendar-event-link" href={link} target="_blank" rel="noreferrer">
            {event.conferenceLink?.primaryLinkLabel || `Join ${event.conferenceSolution ?? 'meeting'}`}
          </a>
        )}
        {event.participants.length > 0 && (
          <ul className="calendar-participants">
            {event.participants.map((participant) => {
              const name = participantName(participant);
              return (
                <li key={participant.handle} className={`calendar-participant response-${participant.responseStatus.toLowerCase()}`} title={`${name}: ${RESPONSE_LABELS[participant.responseStatus]}`}>
                  <Avatar name={name} size={16} url={participant.avatarUrl} />
                  {name}
                  {participant.isOrganizer && <span className="muted"> (organizer)</span>}
                  <span className="calendar-response">{RESPONSE_LABELS[participant.responseStatus]}</span>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </li>
  );
}
