import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';
import { queryUserId } from './admin-lookups.js';

/**
 * `GET /_admin/online-meetings[?user=]`: every Teams meeting, oldest first — standalone ones and those behind an
 * event's Teams link — as `{id, organizer (UPN), subject, startDateTime, endDateTime, joinWebUrl, joinMeetingId,
 * passcode, externalId}` (times ISO).
 */
export function listOnlineMeetingsHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const userId = queryUserId(store, req);
    const iso = (ms: number) => new Date(ms).toISOString();
    res.json({
      value: store.onlineMeetings.list(userId).sort((a, b) => a.creationDateTime - b.creationDateTime).map((meeting) => ({
        id: meeting.id,
        organizer: store.findUser(meeting.userId)?.userPrincipalName ?? meeting.userId,
        subject: meeting.subject,
        startDateTime: iso(meeting.startDateTime),
        endDateTime: iso(meeting.endDateTime),
        creationDateTime: iso(meeting.creationDateTime),
        joinWebUrl: meeting.joinWebUrl,
        joinMeetingId: meeting.joinMeetingId,
        passcode: meeting.passcode,
        externalId: meeting.externalId,
      })),
    });
  };
}
