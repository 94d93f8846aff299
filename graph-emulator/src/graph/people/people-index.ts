import { createHash } from 'node:crypto';
import type { EmulatorStore } from '../../store/emulator-store.js';
import type { UserRecord } from '../../store/emulator-records.js';

/** A person as the People API answers one, with the relevance the ranking uses. */
export interface PersonEntry {
  id: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  address: string;
  jobTitle: string | null;
  department: string | null;
  userPrincipalName: string | null;
  subclass: 'OrganizationUser' | 'ImplicitContact';
  score: number;
  /** Lower-cased words of the name and the address, for search. */
  words: string[];
}

// How much one message counts toward relevance: mail the user sent someone says more than mail received.
const SENT_TO = 3;
const RECEIVED_FROM = 2;
const COPIED_WITH = 0.5;
// Colleagues in the directory appear even before any mail, below everyone the user mails.
const COLLEAGUE = 0.1;

function personId(owner: string, address: string): string {
  const hex = createHash('sha256').update(`person|${owner}|${address}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`.toUpperCase();
}

function words(name: string, address: string): string[] {
  const local = address.split('@')[0]!;
  return [...new Set([...name.toLowerCase().split(/[\s,.'()-]+/), ...local.toLowerCase().split(/[._+-]+/), address.toLowerCase(), local.toLowerCase()].filter(Boolean))];
}

/**
 * The user's people, derived from their mailbox as the People API's relevance is from communication: everyone
 * they sent mail to, received mail from or were copied with, scored by how often; directory colleagues too.
 * Most relevant first.
 */
export function peopleOf(store: EmulatorStore, user: UserRecord): PersonEntry[] {
  const own = new Set([user.mail, user.userPrincipalName, ...user.otherMails].filter((v): v is string => !!v).map((v) => v.toLowerCase()));
  const scores = new Map<string, { name: string; score: number }>();
  const add = (address: string, name: string, weight: number) => {
    const key = address.toLowerCase();
    if (own.has(key)) return;
    const entry = scores.get(key) ?? { name, score: 0 };
    entry.score += weight;
    if (name && name !== address) entry.name = name;
    scores.set(key, entry);
  };
  for (const message of store.mail.listMessages(user.id)) {
    if (message.isDraft) continue;
    const mine = own.has(message.from.address.toLowerCase());
    const recipients = [...message.toRecipients, ...message.ccRecipients, ...message.bccRecipients];
    if (mine) for (const recipient of recipients) add(recipient.address, recipient.name, SENT_TO);
    else {
      add(message.from.address, message.from.name, RECEIVED_FROM);
      for (const recipient of recipients) add(recipient.address, recipient.name, COPIED_WITH);
    }
  }
  for (const colleague of store.listUsers(user.tenantId)) {
    if (colleague.id !== user.id && colleague.mail) add(colleague.mail, colleague.displayName, COLLEAGUE);
  }
  const people: PersonEntry[] = [];
  for (const [address, { name, score }] of scores) {
    const directory = store.findUser(address);
    const colleague = directory && directory.tenantId === user.tenantId ? directory : undefined;
    const displayName = colleague?.displayName ?? name ?? address;
    const [given, ...rest] = displayName.split(' ');
    people.push({
      id: personId(user.id, address),
      displayName,
      givenName: colleague?.givenName ?? (rest.length > 0 ? given! : null),
      surname: colleague?.surname ?? (rest.length > 0 ? rest.join(' ') : null),
      address: colleague?.mail ?? address,
      jobTitle: colleague?.jobTitle ?? null,
      department: null,
      userPrincipalName: colleague?.userPrincipalName ?? null,
      subclass: colleague ? 'OrganizationUser' : 'ImplicitContact',
      score,
      words: words(displayName, address),
    });
  }
  return people.sort((a, b) => b.score - a.score || a.displayName.localeCompare(b.displayName));
}

/** Optimal string alignment distance, capped: enough to forgive one typo. */
function distance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Whether a person matches a People `$search`: every term starts one of their words (name parts, the address or
 * its local part), or — four letters or more — is one typo away from the start of one.
 */
export function matchesPeopleSearch(person: PersonEntry, terms: string[]): boolean {
  return terms.every((term) =>
    person.words.some((word) => word.startsWith(term) || (term.length >= 4 && [0, -1, 1].some((delta) => distance(term, word.slice(0, term.length + delta), 1) <= 1))));
}
