import type { GraphRoute } from '../graph-call.js';
import { ROUTE_PERMISSIONS as P } from '../route-permissions.js';
import { findOnlineMeetings, getOnlineMeeting, postOnlineMeeting } from './online-meetings.handler.js';
import { mailboxRoute } from '../mailbox-route.js';

/**
 * Standalone Teams meetings; their update, delete and artifacts are answered 501 by the unserved-paths table. Teams'
 * resources, not Outlook's: not counted against the mailbox's limits (`outlook` false).
 */
export const ONLINE_MEETING_ROUTES: GraphRoute[] = [
  mailboxRoute('POST', '/onlineMeetings', P['application-post-onlinemeetings'], postOnlineMeeting, false),
  mailboxRoute('GET', '/onlineMeetings', P['onlinemeeting-get'], findOnlineMeetings, false),
  mailboxRoute('GET', '/onlineMeetings/([^/]+)', P['onlinemeeting-get'], getOnlineMeeting, false),
];
