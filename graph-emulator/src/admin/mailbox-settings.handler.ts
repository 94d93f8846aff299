import type { Request, Response } from 'express';
import type { EmulatorStore } from '../store/emulator-store.js';
import { userOf } from './admin-lookups.js';

type UserParams = { user: string };

/** `GET /_admin/mailboxes/:user/mailbox-settings`: timeZone, workingHours, language, formats and freeBusySharing. */
export function getMailboxSettingsHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    res.json({ user: user.userPrincipalName, ...store.mailboxSettings.get(user.id) });
  };
}

/**
 * `PUT /_admin/mailboxes/:user/mailbox-settings` with any of `timeZone` (Windows or IANA name), `workingHours`
 * `{daysOfWeek?, startTime?: "08:30", endTime?, timeZone?}`, `language {locale, displayName?}`, `dateFormat`,
 * `timeFormat`, `delegateMeetingMessageDeliveryOptions`, `freeBusySharing` (availabilityOnly | limitedDetails: what
 * colleagues see of the calendar in getSchedule). What it leaves out stays as it was; a bad value changes nothing (400).
 */
export function setMailboxSettingsHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    res.json({ user: user.userPrincipalName, ...store.mailboxSettings.update(user.id, (req.body ?? {}) as Record<string, unknown>) });
  };
}
