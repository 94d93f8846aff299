/** A standalone Teams meeting (onlineMeeting, Graph v1.0): not on any calendar. Times are epoch ms. */
export interface OnlineMeetingRecord {
  id: string;
  /** The organizer's user id. */
  userId: string;
  subject: string;
  startDateTime: number;
  endDateTime: number;
  creationDateTime: number;
  joinWebUrl: string;
  /** `19:meeting_…@thread.v2`, the meeting chat's thread (also in joinWebUrl). */
  threadId: string;
  joinMeetingId: string;
  passcode: string | null;
  /** The attendees the create named (meetingParticipantInfo, as sent), echoed back. */
  attendees: Record<string, unknown>[];
  /** The client's `externalId`, if it gave one (createOrGet is not served). */
  externalId: string | null;
}
