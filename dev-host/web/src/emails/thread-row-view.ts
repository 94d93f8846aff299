import type { TimelineParticipant, TimelineThread } from '../api/host.types';

export interface ThreadRowView {
  canOpen: boolean;
  /** Null when the visibility hides it (METADATA). */
  subject: string | null;
  /** Null unless the thread is shared in full. */
  preview: string | null;
  participants: TimelineParticipant[];
  /** Participants beyond the ones shown, as "+3". */
  hiddenParticipantCount: number;
}

const nameOf = (participant: TimelineParticipant) => participant.displayName || `${participant.firstName} ${participant.lastName}`.trim() || participant.handle;

/**
 * What a thread row shows, by Twenty's rules: SHARE_EVERYTHING opens with subject and preview; SUBJECT shows the
 * subject only; METADATA shows participants and time only.
 */
export function threadRowView(thread: TimelineThread): ThreadRowView {
  const participants = [thread.firstParticipant, ...thread.lastTwoParticipants].filter(
    (participant, index, all): participant is TimelineParticipant => participant !== null && all.findIndex((other) => other?.handle === participant.handle) === index,
  );
  return {
    canOpen: thread.visibility === 'SHARE_EVERYTHING',
    subject: thread.visibility === 'METADATA' ? null : (thread.subject ?? '(no subject)'),
    preview: thread.visibility === 'SHARE_EVERYTHING' ? thread.lastMessageBody : null,
    participants,
    hiddenParticipantCount: Math.max(thread.participantCount - participants.length, 0),
  };
}

export const participantName = nameOf;
