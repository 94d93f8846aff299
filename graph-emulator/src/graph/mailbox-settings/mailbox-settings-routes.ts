import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P } from '../route-permissions.js';
import { getMailboxSettings, getMailboxSettingsPart, MAILBOX_SETTINGS_PARTS, patchMailboxSettings } from './mailbox-settings.handler.js';
import { mailboxRoute } from '../mailbox-route.js';

/** Mailbox settings (an Outlook resource: counted against the mailbox's limits). */
export const MAILBOX_SETTINGS_ROUTES: GraphRoute[] = [
  mailboxRoute('GET', '/mailboxSettings', P['user-get-mailboxsettings'], getMailboxSettings),
  mailboxRoute('GET', `/mailboxSettings/(${MAILBOX_SETTINGS_PARTS.join('|')})`, P['user-get-mailboxsettings'], getMailboxSettingsPart),
  mailboxRoute('PATCH', '/mailboxSettings', P['user-update-mailboxsettings'], patchMailboxSettings),
];
