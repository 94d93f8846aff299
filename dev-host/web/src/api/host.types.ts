/** The host's GraphQL shapes the shell reads (Twenty's names). */
export interface FullName {
  firstName: string;
  lastName: string;
}

export interface WorkspaceMember {
  id: string;
  workspaceId: string;
  name: FullName;
  userEmail: string;
  avatarUrl: string | null;
}

export interface CompanyRef {
  id: string;
  name: string;
  domainName: string | null;
}

export interface Person {
  id: string;
  name: FullName;
  emails: { primaryEmail: string | null; additionalEmails: string[] };
  phones: { primaryPhoneNumber: string | null; additionalPhones: string[] };
  jobTitle: string | null;
  city: string | null;
  avatarUrl: string | null;
  createdAt: string;
  company: CompanyRef | null;
}

export interface Company extends CompanyRef {
  createdAt: string;
  people?: Array<Pick<Person, 'id' | 'name' | 'jobTitle'>>;
}

export interface TimelineParticipant {
  personId: string | null;
  workspaceMemberId: string | null;
  firstName: string;
  lastName: string;
  displayName: string;
  avatarUrl: string | null;
  handle: string;
}

export type MessageVisibility = 'METADATA' | 'SUBJECT' | 'SHARE_EVERYTHING';

export interface TimelineThread {
  id: string;
  read: boolean;
  visibility: MessageVisibility;
  firstParticipant: TimelineParticipant | null;
  lastTwoParticipants: TimelineParticipant[];
  lastMessageReceivedAt: string | null;
  lastMessageBody: string | null;
  subject: string | null;
  numberOfMessagesInThread: number;
  participantCount: number;
}

export interface TimelineThreadsWithTotal {
  totalNumberOfThreads: number;
  timelineThreads: TimelineThread[];
}

export interface ThreadMessageParticipant extends TimelineParticipant {
  role: string;
}

export interface MessageThread {
  id: string;
  visibility: MessageVisibility;
  subject: string | null;
  messages: Array<{
    id: string;
    receivedAt: string | null;
    subject: string | null;
    text: string | null;
    sender: ThreadMessageParticipant | null;
    participants: ThreadMessageParticipant[];
  }>;
}

export interface TimelineCalendarEventParticipant extends TimelineParticipant {
  isOrganizer: boolean;
  responseStatus: 'NEEDS_ACTION' | 'DECLINED' | 'TENTATIVE' | 'ACCEPTED';
}

export interface TimelineCalendarEvent {
  id: string;
  title: string | null;
  isCanceled: boolean;
  isFullDay: boolean;
  startsAt: string | null;
  endsAt: string | null;
  description: string | null;
  location: string | null;
  conferenceSolution: string | null;
  conferenceLink: { primaryLinkUrl: string | null; primaryLinkLabel: string | null } | null;
  participants: TimelineCalendarEventParticipant[];
  visibility: 'METADATA' | 'SHARE_EVERYTHING';
}

export interface TimelineCalendarEventsWithTotal {
  totalNumberOfCalendarEvents: number;
  timelineCalendarEvents: TimelineCalendarEvent[];
}

export type RecordObjectName = 'person' | 'company';
