import { createHash, randomBytes } from 'node:crypto';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { UserRecord } from '../store/emulator-records.js';
import type { OnlineMeetingRecord } from '../store/online-meetings/online-meeting-records.js';

export interface NewOnlineMeeting {
  subject: string;
  startDateTime: number;
  endDateTime: number;
  isPasscodeRequired?: boolean;
  externalId?: string | null;
  attendees?: Record<string, unknown>[];
  /** Derives the meeting's ids from a key (an event's id) instead of at random, so the same event keeps its link. */
  key?: string;
}

/**
 * The join URL Teams gives a meeting: the meeting chat's thread, then the organizer's tenant (Tid) and object id (Oid)
 * in the `context` parameter, percent-encoded as the examples show it
 * (api-reference/v1.0/api/application-post-onlinemeetings.md).
 */
export function teamsJoinUrl(threadId: string, tenantId: string, organizerId: string): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return `https://teams.microsoft.com/l/meetup-join/${encode(threadId)}/0?context=${encode(JSON.stringify({ Tid: tenantId, Oid: organizerId }))}`;
}

const digits = (seed: Buffer, count: number) => BigInt(`0x${seed.toString('hex')}`).toString().padStart(count, '0').slice(-count);

/**
 * A Teams meeting organized by `user`, kept in the store: standalone ones (POST /me/onlineMeetings) and those behind
 * an event's Teams link alike, so `$filter=JoinWebUrl eq '…'` finds both, as in Teams.
 */
export function createOnlineMeeting(store: EmulatorStore, user: UserRecord, input: NewOnlineMeeting, now = Date.now()): OnlineMeetingRecord {
  const seed = input.key ? createHash('sha256').update(`online-meeting|${input.key}`).digest() : randomBytes(32);
  // Teams' meeting thread names a base64 GUID: `19:meeting_{base64}@thread.v2`.
  const guid = [seed.subarray(0, 4), seed.subarray(4, 6), seed.subarray(6, 8), seed.subarray(8, 10), seed.subarray(10, 16)].map((part) => part.toString('hex')).join('-');
  const threadId = `19:meeting_${Buffer.from(guid).toString('base64').replace(/=+$/, '')}@thread.v2`;
  const record: OnlineMeetingRecord = {
    id: Buffer.from(`1*${user.id}*0**${threadId}`).toString('base64url'),
    userId: user.id,
    subject: input.subject,
    startDateTime: input.startDateTime,
    endDateTime: input.endDateTime,
    creationDateTime: now,
    joinWebUrl: teamsJoinUrl(threadId, user.tenantId, user.id),
    threadId,
    joinMeetingId: digits(seed.subarray(16, 24), 12).replace(/^0/, '3'),
    passcode: input.isPasscodeRequired ? seed.subarray(24, 30).toString('base64url').slice(0, 6) : null,
    attendees: input.attendees ?? [],
    externalId: input.externalId ?? null,
  };
  return store.onlineMeetings.save(record);
}
