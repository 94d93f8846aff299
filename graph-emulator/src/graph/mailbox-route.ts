import { odataErrors } from '../odata/odata-errors.js';
import type { GraphRoute } from './graph-call.js';
import type { RoutePermission } from './route-permissions.js';

// `/me/…` or `/users/{id | upn}/…`; the first capture is the user segment ('' for /me). Segments are case-insensitive.
export const MAILBOX = String.raw`^/(?:me|users/([^/]+))`;
export const SEG = '([^/]+)';
export const COUNT = String.raw`(?:\$|%24)count`;
export const DELTA = String.raw`delta(?:\(\))?`;

/**
 * A route under a user (`/me` or `/users/{id}`). `outlook`: an Outlook resource, counted with mail against the
 * mailbox's limits (false for Teams' and other services' resources).
 */
export const mailboxRoute = (method: string, path: string, permission: RoutePermission, handle: GraphRoute['handle'], outlook = true): GraphRoute => ({
  method,
  pattern: new RegExp(`${MAILBOX}${path}/?$`, 'i'),
  outlook,
  permission,
  handle,
});

/** A route Graph serves that the emulator does not: 501 naming it, so it never reads as "not in Graph". */
export const lacking = (what: string): GraphRoute['handle'] => () => {
  throw odataErrors.notImplemented(what);
};
