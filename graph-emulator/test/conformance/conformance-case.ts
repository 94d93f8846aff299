// The format of a conformance case: one endpoint's documented example, as data the runner replays against the
// emulator over HTTPS. Every route the emulator serves needs one (conformance.spec.ts fails naming each route no
// case reaches). To add a case, append an object to the area's `cases/<area>.cases.ts` (a new area file is listed in
// `cases/index.ts`):
//
//   {
//     name: 'GET /me/mailFolders/{id}/childFolders lists the folders under one',
//     source: 'https://learn.microsoft.com/graph/api/mailfolder-list-childfolders',   // the page the facts come from
//     request: { method: 'GET', path: '/v1.0/me/mailFolders/{parentFolderId}/childFolders', query: { $top: '2' } },
//     expect: { status: 200, headers: { 'content-type': /^application\/json/ }, body: { value: each({ id: 'string' }) } },
//   }
//
// - `request.path` is the path on the emulator's host: `/v1.0/…` for Graph (sent with Megan's access token from the
//   authorization-code flow unless `auth: 'none'`; `auth: 'calendar'` for calendar routes, `auth: 'compose'` for
//   sending mail, people and mailbox settings), `/{tenant}/…` for the identity platform (no token unless
//   `auth: 'user'`). `body` is sent as JSON, `form` as application/x-www-form-urlencoded.
// - `{placeholders}` in the path, query, headers, body and form are filled by the runner, which prepares only what a
//   case names (FIXTURES in runner/fixtures.ts lists them: ids from a seeded mailbox, a subscription, a fresh
//   authorization code, a refresh token, the demo app's id and secret …). A string that is exactly one placeholder
//   takes the fixture's value as it is (an array of scopes, say). `needs` names fixtures a case wants made without
//   naming them in its request (a subscription to list, say).
// - `expect.body` is a Shape: property name → a JSON type ('string', 'integer', 'number', 'boolean', 'null',
//   'object', 'array', unions like 'string|null'), a nested Shape, `each(shape)` (a non-empty array whose items all
//   match), `some(shape)` (an array with an item that matches), `all(a, b)` (both hold), `eq(value)`,
//   `like(/regexp/)`, `optional(…)` or `absent()`. Properties the shape does not name may be present (the
//   docs shorten their examples). `expect.text` matches a non-JSON body; `expect.headers` maps a header to its exact
//   value, a RegExp, or null (absent); `expect.redirect` checks a 302's Location: where it goes and its query.
// - `knownGap` marks where the emulator differs from the documented answer: `problems` lists exactly what the
//   checker reports today (placeholders filled, so a context URL is written `{graphBaseUrl}/$metadata#…`). The case
//   still runs; it fails if other problems appear, and fails when the gap closes (then delete `knownGap`). Its test
//   title says "known gap", so every gap shows in the test output.
// - `refusal` marks a route the emulator answers 501 on purpose: its case expects the 501 Graph error instead of the
//   documented answer, and says why.
// Facts only, in our own words and values: never copy doc sentences.

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array';

export interface Shape {
  [property: string]: Expectation;
}

export type Expectation =
  | string
  | Shape
  | { $eq: unknown }
  | { $like: RegExp }
  | { $each: Expectation }
  | { $some: Expectation }
  | { $all: Expectation[] }
  | { $optional: Expectation }
  | { $absent: true };

export const eq = (value: unknown): Expectation => ({ $eq: value });
export const like = (pattern: RegExp): Expectation => ({ $like: pattern });
export const each = (item: Expectation): Expectation => ({ $each: item });
export const some = (item: Expectation): Expectation => ({ $some: item });
export const all = (...expectations: Expectation[]): Expectation => ({ $all: expectations });
export const optional = (expectation: Expectation): Expectation => ({ $optional: expectation });
export const absent = (): Expectation => ({ $absent: true });

export interface CaseRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  form?: Record<string, string | string[]>;
  /**
   * 'user': Megan's bearer token (the default under /v1.0); 'calendar': Megan's token for a sign-in that also asked
   * for Calendars.ReadWrite (the consent page's default scopes have no calendar scope); 'none': no Authorization
   * header (the default elsewhere); 'compose': Megan's token for a sign-in that asked for what writing mail needs
   * (Mail.ReadWrite, Mail.Send, People.Read, MailboxSettings.Read); 'sharedCalendars': Calendars.ReadWrite and
   * Calendars.Read.Shared (looking into other people's calendars); 'scheduling': Calendars.ReadWrite,
   * MailboxSettings.ReadWrite and OnlineMeetings.ReadWrite (free/busy, working hours, Teams meetings); 'contacts':
   * Contacts.ReadWrite; 'tasks': Tasks.ReadWrite; 'files': Files.ReadWrite; 'sites': Files.ReadWrite and
   * Sites.Read.All (granted after an administrator consented for Contoso, whose policy keeps it for administrators).
   */
  auth?: 'user' | 'calendar' | 'compose' | 'sharedCalendars' | 'scheduling' | 'contacts' | 'tasks' | 'files' | 'sites' | 'none';
}

export interface CaseExpectation {
  status: number;
  headers?: Record<string, string | RegExp | null>;
  body?: Shape;
  text?: RegExp;
  /** A redirect's Location: `to` is what precedes its query, `query` a Shape of its parameters (strings). */
  redirect?: { to: string; query: Shape };
}

export interface ConformanceCase {
  name: string;
  /** The documentation page the expectation comes from. */
  source: string;
  request: CaseRequest;
  expect: CaseExpectation;
  /** Fixtures to make before the request although the request does not name them. */
  needs?: string[];
  knownGap?: { reason: string; problems: string[] };
  /** Why the emulator answers this documented route with 501 (the case expects that 501). */
  refusal?: string;
}
