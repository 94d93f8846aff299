import { CalendarChannelContactAutoCreationPolicy, MessageChannelContactAutoCreationPolicy, MessageDirection, type ImportedCalendarEvent, type ImportedMessage } from '@m365/shared-types';

/** Free mail providers: their addresses are people, not companies (Twenty's "exclude non-professional emails"). */
const PERSONAL_EMAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com', 'icloud.com',
  'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'web.de', 'mail.com', 'zoho.com', 'yandex.com',
]);

/** Mailboxes that are lists or robots rather than people (Twenty's "exclude group emails"). */
const GROUP_LOCAL_PARTS = /^(no-?reply|do-?not-?reply|notifications?|newsletter|mailer-daemon|postmaster|bounce[s]?|support|info|sales|team|hello|admin|billing|marketing|news|updates|alerts?)([+._-].*)?$/i;

export interface ContactCreationSettings {
  isContactAutoCreationEnabled: boolean;
  contactAutoCreationPolicy: MessageChannelContactAutoCreationPolicy;
  excludeNonProfessionalEmails: boolean;
  excludeGroupEmails: boolean;
  ownHandles: Set<string>;
}

export function domainOf(handle: string): string {
  return handle.slice(handle.lastIndexOf('@') + 1).toLowerCase();
}

export function isPersonalEmailDomain(domain: string): boolean {
  return PERSONAL_EMAIL_DOMAINS.has(domain);
}

/** The participants of these messages that the channel's settings allow to become new people. */
export function contactCandidates(messages: ImportedMessage[], settings: ContactCreationSettings): Map<string, string> {
  const candidates = new Map<string, string>();
  if (!settings.isContactAutoCreationEnabled || settings.contactAutoCreationPolicy === MessageChannelContactAutoCreationPolicy.NONE) return candidates;
  for (const message of messages) {
    const sentByOwner = message.direction === MessageDirection.OUTGOING;
    if (settings.contactAutoCreationPolicy === MessageChannelContactAutoCreationPolicy.SENT && !sentByOwner) continue;
    for (const participant of message.participants) {
      const handle = participant.handle.toLowerCase();
      if (!handle.includes('@') || settings.ownHandles.has(handle)) continue;
      if (settings.excludeNonProfessionalEmails && isPersonalEmailDomain(domainOf(handle))) continue;
      if (settings.excludeGroupEmails && GROUP_LOCAL_PARTS.test(handle.slice(0, handle.indexOf('@')))) continue;
      if (!candidates.has(handle)) candidates.set(handle, participant.displayName);
    }
  }
  return candidates;
}

export interface CalendarContactCreationSettings {
  isContactAutoCreationEnabled: boolean;
  contactAutoCreationPolicy: CalendarChannelContactAutoCreationPolicy;
  ownHandles: Set<string>;
}

/**
 * The participants of these events that the calendar channel's policy allows to become new people: of every event
 * (AS_PARTICIPANT_AND_ORGANIZER), of the events the owner organised (AS_ORGANIZER), or of those they were invited to
 * (AS_PARTICIPANT). Group mailboxes and the owner's own addresses never become people.
 */
export function calendarContactCandidates(events: ImportedCalendarEvent[], settings: CalendarContactCreationSettings): Map<string, string> {
  const candidates = new Map<string, string>();
  const policy = settings.contactAutoCreationPolicy;
  if (!settings.isContactAutoCreationEnabled || policy === CalendarChannelContactAutoCreationPolicy.NONE) return candidates;
  for (const event of events) {
    if (policy === CalendarChannelContactAutoCreationPolicy.AS_ORGANIZER && !event.isOwnerOrganizer) continue;
    if (policy === CalendarChannelContactAutoCreationPolicy.AS_PARTICIPANT && event.isOwnerOrganizer) continue;
    for (const participant of event.participants) {
      const handle = participant.handle.toLowerCase();
      if (!handle.includes('@') || settings.ownHandles.has(handle)) continue;
      if (GROUP_LOCAL_PARTS.test(handle.slice(0, handle.indexOf('@')))) continue;
      if (!candidates.has(handle)) candidates.set(handle, participant.displayName);
    }
  }
  return candidates;
}
