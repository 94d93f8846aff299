export type BusyStatus = 'BUSY' | 'TENTATIVE' | 'OOF' | 'WORKING_ELSEWHERE';

export interface BusyBlock {
  start: string;
  end: string;
  status: BusyStatus;
}

export interface PersonAvailability {
  email: string;
  /** False: Outlook has no free/busy for the address (outside the tenant): shown as unknown. */
  known: boolean;
  busy: BusyBlock[];
  workingHours: { daysOfWeek: string[]; startTime: string; endTime: string; timeZone: string } | null;
}

export interface MeetingSlot {
  start: string;
  end: string;
}

export interface TeamsMeetings {
  available: boolean;
  reason: string | null;
}

export interface SchedulingAccount {
  id: string;
  handle: string;
  accountType: 'WORK_OR_SCHOOL' | 'PERSONAL';
  features: Array<{ feature: string; granted: boolean; missingScopes: string[] }>;
  teamsMeetings: TeamsMeetings;
}

export interface ScheduledMeeting {
  outlookEventId: string;
  subject: string;
  start: string;
  end: string;
  isOnlineMeeting: boolean;
  joinUrl: string | null;
  attendeeEmails: string[];
}

export interface TeamsLink {
  joinWebUrl: string;
  joinMeetingId: string | null;
  passcode: string | null;
}
