import type { SubscriptionResourceKind } from '../store/subscription-records.js';

export interface ParsedSubscriptionResource {
  kind: SubscriptionResourceKind;
  /** The user segment of `users/{id | upn}` (decoded); null for `me`. */
  userSegment: string | null;
  /** The folder of `mailFolders('{id | name}')/messages`, `mailFolders/{id | name}/messages`, `contactFolders/{id}/contacts`; null otherwise. */
  folderSegment: string | null;
}

/** Graph raises shorter lifetimes to this. */
export const MIN_LIFETIME_MINUTES = 45;

/** Delegated scopes that allow a subscription on each resource (any one of them). */
export const RESOURCE_SCOPES: Record<SubscriptionResourceKind, string[]> = {
  messages: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
  events: ['Calendars.ReadBasic', 'Calendars.Read', 'Calendars.ReadWrite'],
  contacts: ['Contacts.Read', 'Contacts.ReadWrite'],
  todoTasks: ['Tasks.Read', 'Tasks.ReadWrite'],
};

const OWNER = String.raw`(?:me|users/([^/()]+)|users\('([^']+)'\))`;
const FOLDER = String.raw`mailfolders(?:\('([^']+)'\)|/([^/()]+))`;
const CONTACT_FOLDER = String.raw`contactfolders(?:\('([^']+)'\)|/([^/()]+))`;
const TODO_LIST = String.raw`todo/lists(?:\('([^']+)'\)|/([^/()]+))`;
const PATTERNS: [RegExp, SubscriptionResourceKind, boolean][] = [
  [new RegExp(`^${OWNER}/messages$`, 'i'), 'messages', false],
  [new RegExp(`^${OWNER}/${FOLDER}/messages$`, 'i'), 'messages', true],
  [new RegExp(`^${OWNER}/(?:calendar/)?events$`, 'i'), 'events', false],
  [new RegExp(`^${OWNER}/contacts$`, 'i'), 'contacts', false],
  [new RegExp(`^${OWNER}/${CONTACT_FOLDER}/contacts$`, 'i'), 'contacts', true],
  [new RegExp(`^${OWNER}/${TODO_LIST}/tasks$`, 'i'), 'todoTasks', true],
];

function decode(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The resources the emulator's subscriptions support; undefined for anything else. */
export function parseSubscriptionResource(resource: string): ParsedSubscriptionResource | undefined {
  const path = resource.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  for (const [pattern, kind, hasFolder] of PATTERNS) {
    const match = pattern.exec(path);
    if (!match) continue;
    return {
      kind,
      userSegment: decode(match[1] ?? match[2]),
      folderSegment: hasFolder ? decode(match[3] ?? match[4]) : null,
    };
  }
  return undefined;
}
