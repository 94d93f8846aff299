import { Client } from '@microsoft/microsoft-graph-client';
import { classifyGraphError, retryAfterMs } from '../src/graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind as Kind } from '../src/graph/microsoft-graph.exception.js';
import { MicrosoftAccountNeedsReconnectException } from '../src/tokens/microsoft-token.exception.js';

const graphError = (statusCode: number, code: string, headers: Record<string, string> = {}) => ({ statusCode, code, message: `${code} happened`, headers: new Headers(headers) });

describe('classifyGraphError', () => {
  it.each([
    [graphError(429, 'ApplicationThrottled', { 'Retry-After': '7' }), Kind.THROTTLED, 7000],
    [graphError(503, 'ServiceUnavailable', { 'Retry-After': '2' }), Kind.TEMPORARY, 2000],
    [graphError(504, 'GatewayTimeout'), Kind.TEMPORARY, null],
    [graphError(410, 'syncStateNotFound'), Kind.SYNC_STATE_GONE, null],
    [graphError(400, 'SyncStateNotFound'), Kind.SYNC_STATE_GONE, null],
    [graphError(404, 'MailboxNotEnabledForRESTAPI'), Kind.MAILBOX_UNAVAILABLE, null],
    [graphError(403, 'ErrorAccountDisabled'), Kind.MAILBOX_UNAVAILABLE, null],
    [graphError(403, 'ErrorAccessDenied'), Kind.INSUFFICIENT_PERMISSIONS, null],
    [graphError(401, 'InvalidAuthenticationToken'), Kind.UNAUTHENTICATED, null],
    [graphError(404, 'ErrorItemNotFound'), Kind.NOT_FOUND, null],
    [graphError(400, 'ErrorInvalidRequest'), Kind.UNKNOWN, null],
  ])('%o → %s', (error, kind, wait) => {
    const classified = classifyGraphError(error);
    expect(classified.kind).toBe(kind);
    expect(classified.retryAfterMs).toBe(wait);
  });

  it('reads the code from the body when the SDK did not', () => {
    expect(classifyGraphError({ statusCode: 410, code: 'Error', body: JSON.stringify({ error: { code: 'resyncRequired' } }) }).graphCode).toBe('resyncRequired');
  });

  it('treats a dead grant as unauthenticated, and network failures as temporary', () => {
    expect(classifyGraphError(new MicrosoftAccountNeedsReconnectException('a', 'revoked')).graphCode).toBe('NeedsReconnect');
    expect(classifyGraphError(new TypeError('fetch failed')).kind).toBe(Kind.TEMPORARY);
    expect(classifyGraphError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind).toBe(Kind.TEMPORARY);
  });

  it('knows a dead grant also after the Graph SDK rethrew it as one of its own errors', async () => {
    // A token source that fails, as ours does when Microsoft answers invalid_grant, in the SDK's own request path.
    const failingToken = { setNext: () => undefined, execute: async () => Promise.reject(new MicrosoftAccountNeedsReconnectException('a', 'invalid_grant')) };
    const rethrown = await Client.initWithMiddleware({ middleware: failingToken }).api('/me').get().catch((error: unknown) => error);
    expect(rethrown).not.toBeInstanceOf(MicrosoftAccountNeedsReconnectException);
    expect(classifyGraphError(rethrown)).toMatchObject({ kind: Kind.UNAUTHENTICATED, graphCode: 'NeedsReconnect' });
  });

  it('does not pass our own failures (a database error) off as network trouble', () => {
    const failure = classifyGraphError(Object.assign(new Error('insert or update on table "messageParticipant" violates foreign key constraint'), { name: 'QueryFailedError' }));
    expect(failure.kind).toBe(Kind.INTERNAL);
    expect(failure.message).toMatch(/^Internal error: insert or update/);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(Date.now() + 60_000).toUTCString())).toBeGreaterThan(55_000);
    expect(retryAfterMs('soon')).toBeNull();
  });
});
