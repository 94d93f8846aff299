import { aad, AadError } from '../src/errors/error-factory.js';
import { formatGraphDateTime, parseGraphDateTime } from '../src/graph/graph-date-time.js';
import { ERROR_CODE_EXPLANATIONS } from '../src/identity/error-codes.js';
import { formBody } from './support/emulator-harness.js';
import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import type { Json } from './support/mail-client.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

// What Graph and the identity platform send, per Microsoft's documentation (json-batching, throttling, token errors).
const ODATA_JSON = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const GRAPH_ERROR_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;
const AAD_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/;
const CLIENT_REQUEST_ID = '3f2c8e1a-7b4d-4e9f-a6c5-0d1e2f3a4b5c';

describe('protocol details as Microsoft documents them', () => {
  const { t, c } = useSeededMailbox({ messages: 12, seed: 5 });
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());

  describe('Graph response headers', () => {
    it('a success is an OData 4.0 response with the OData JSON content type', async () => {
      for (const path of ['/me', '/me/mailFolders', '/me/mailFolders/inbox/messages?$top=2']) {
        const response = await c.graph(path);
        expect([path, response.status]).toEqual([path, 200]);
        expect(response.headers.get('odata-version')).toBe('4.0');
        expect(response.headers.get('content-type')).toBe(ODATA_JSON);
      }
    });

    it('a body-less success carries OData-Version and no Content-Type', async () => {
      const created = await c.graph('/subscriptions', {
        method: 'POST',
        body: { changeType: 'created', notificationUrl: `${receiver.baseUrl}/n`, resource: '/me/messages', expirationDateTime: new Date(Date.now() + 3_600_000).toISOString() },
      });
      expect(created.status).toBe(201);
      const deleted = await c.graph(`/subscriptions/${created.body.id}`, { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      expect(deleted.headers.get('odata-version')).toBe('4.0');
      expect(deleted.headers.get('content-type')).toBeNull();
    });

    it('an error is plain application/json with innerError date, request-id and client-request-id', async () => {
      for (const [path, status] of [['/me/messages/AAMkAGnothing', 404], ['/me/nowhere', 400]] as const) {
        const response = await c.graph(path, { headers: { 'client-request-id': CLIENT_REQUEST_ID } });
        expect([path, response.status]).toEqual([path, status]);
        expect(response.headers.get('content-type')).toBe('application/json');
        expect(response.headers.get('odata-version')).toBeNull();
        expect(response.body.error.innerError).toEqual({
          date: expect.stringMatching(GRAPH_ERROR_DATE),
          'request-id': response.headers.get('request-id'),
          'client-request-id': CLIENT_REQUEST_ID,
        });
      }
      const unauthenticated = await t.request(`${t.emulator.graphBaseUrl}/me`);
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers.get('content-type')).toBe('application/json');
    });
  });

  describe('throttling', () => {
    it('429 TooManyRequests repeats the status in innerError (code, message, status) beside date and ids', async () => {
      await c.admin('/mail-settings', 'PUT', { throttling: { requestsPerWindow: 1, windowSeconds: 30 } });
      expect((await c.graph('/me/mailFolders')).status).toBe(200);
      const throttled = await c.graph('/me/mailFolders', { headers: { 'client-request-id': CLIENT_REQUEST_ID } });
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(throttled.headers.get('content-type')).toBe('application/json');
      expect(throttled.body).toEqual({
        error: {
          code: 'TooManyRequests',
          message: 'Please retry again later.',
          innerError: {
            code: '429',
            message: 'Please retry after',
            status: '429',
            date: expect.stringMatching(GRAPH_ERROR_DATE),
            'request-id': throttled.headers.get('request-id'),
            'client-request-id': CLIENT_REQUEST_ID,
          },
        },
      });
    });

    it("Outlook's concurrency refusal is ApplicationThrottled with Graph's usual innerError", async () => {
      await c.admin('/mail-settings', 'PUT', { faults: { latencyMs: 300 } });
      const results = await Promise.all(Array.from({ length: 6 }, () => c.graph('/me/mailFolders/inbox')));
      const throttled = results.find((r) => r.status === 429)!;
      expect(throttled.body.error).toEqual({
        code: 'ApplicationThrottled',
        message: 'Application is over its MailboxConcurrency limit.',
        innerError: { date: expect.stringMatching(GRAPH_ERROR_DATE), 'request-id': expect.stringMatching(GUID), 'client-request-id': expect.any(String) },
      });
      expect(throttled.headers.get('retry-after')).toBe('1');
    });

    it('$batch items carry their own headers: OData ones on success, Retry-After on a throttled item', async () => {
      await c.admin('/mail-settings', 'PUT', { throttling: { requestsPerWindow: 2, windowSeconds: 30 } });
      const response = await c.graph('/$batch', {
        method: 'POST',
        body: { requests: ['1', '2', '3'].map((id) => ({ id, method: 'GET', url: '/me/mailFolders/inbox' })) },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(ODATA_JSON);
      expect(response.headers.get('odata-version')).toBe('4.0');
      const items = response.body.responses as Json[];
      const ok = items.filter((item) => item.status === 200);
      expect(ok).toHaveLength(2);
      for (const item of ok) expect(item.headers).toEqual({ 'Cache-Control': 'no-cache', 'OData-Version': '4.0', 'Content-Type': ODATA_JSON });
      const throttled = items.find((item) => item.status === 429)!;
      expect(throttled.headers).toEqual({ 'Cache-Control': 'no-cache', 'Content-Type': 'application/json', 'Retry-After': expect.stringMatching(/^[1-9]\d*$/) });
      expect(throttled.body.error).toMatchObject({ code: 'TooManyRequests', innerError: { code: '429', status: '429', message: 'Please retry after' } });
      // Each item has its own request id; the client's id is the envelope's.
      expect(throttled.body.error.innerError['request-id']).not.toBe(response.headers.get('request-id'));
    });
  });

  describe('identity platform token errors', () => {
    const badRefresh = () =>
      t.request('/common/oauth2/v2.0/token', {
        method: 'POST',
        headers: { 'client-request-id': CLIENT_REQUEST_ID },
        body: formBody({
          client_id: t.emulator.demoApp.clientId,
          client_secret: t.emulator.demoApp.clientSecret,
          grant_type: 'refresh_token',
          refresh_token: 'not-a-refresh-token',
        }),
      });

    it('writes the description with CRLF lines for trace id, correlation id and time, and the ids and time beside it', async () => {
      const response = await badRefresh();
      expect(response.status).toBe(400);
      const body = (await response.json()) as Json;
      expect(Object.keys(body).sort()).toEqual(['correlation_id', 'error', 'error_codes', 'error_description', 'error_uri', 'timestamp', 'trace_id']);
      expect(body.error).toBe('invalid_grant');
      expect(body.error_codes).toEqual([9002313]);
      expect(body.timestamp).toMatch(AAD_TIMESTAMP);
      expect(body.trace_id).toMatch(GUID);
      expect(body.correlation_id).toBe(CLIENT_REQUEST_ID);
      const lines = (body.error_description as string).split('\r\n');
      expect(lines).toEqual([
        expect.stringMatching(/^AADSTS9002313: \S.*\.$/),
        `Trace ID: ${body.trace_id}`,
        `Correlation ID: ${CLIENT_REQUEST_ID}`,
        `Timestamp: ${body.timestamp}`,
      ]);
      expect(body.error_uri).toBe(`${t.emulator.baseUrl}/error?code=9002313`);
    });

    it('error_uri opens a page on the emulator that explains the code', async () => {
      const { error_uri: errorUri } = (await (await badRefresh()).json()) as Json;
      const page = await t.request(errorUri as string);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('data-error-code="AADSTS9002313"');
      expect(html).toContain(ERROR_CODE_EXPLANATIONS[9002313]!.remedy);
      expect((await t.request('/error?code=12345')).status).toBe(404);
      expect((await t.request('/error?code=abc')).status).toBe(400);
    });

    it('has an explanation for every code the emulator raises', () => {
      const raised = Object.values(aad).map((make) => (make as (...args: unknown[]) => AadError)(new Date(), new Date(), new Date()).code);
      expect(raised.length).toBeGreaterThan(20);
      expect(raised.filter((code) => !ERROR_CODE_EXPLANATIONS[code])).toEqual([]);
    });
  });

  describe("timestamps with Graph's precision", () => {
    it('gives back a subscription expiration with the precision the client sent, in UTC, and in notifications', async () => {
      const hour = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 1000) * 1000).toISOString().slice(0, 19);
      const create = (expirationDateTime: string) =>
        c.graph('/subscriptions', {
          method: 'POST',
          body: { changeType: 'created', notificationUrl: `${receiver.baseUrl}/n`, resource: '/me/messages', expirationDateTime, clientState: 'x' },
        });
      const seven = await create(`${hour}.9356913Z`);
      expect(seven.status).toBe(201);
      expect(seven.body.expirationDateTime).toBe(`${hour}.9356913Z`);
      expect((await c.graph(`/subscriptions/${seven.body.id}`)).body.expirationDateTime).toBe(`${hour}.9356913Z`);
      expect((await create(`${hour}Z`)).body.expirationDateTime).toBe(`${hour}Z`);
      expect((await create(`${hour}.250Z`)).body.expirationDateTime).toBe(`${hour}.25Z`);
      const local = new Date(Date.parse(`${hour}Z`) + 2 * 3_600_000).toISOString().slice(0, 19);
      expect((await create(`${local}.1234567+02:00`)).body.expirationDateTime).toBe(`${hour}.1234567Z`);

      const renewed = await c.graph(`/subscriptions/${seven.body.id}`, { method: 'PATCH', body: { expirationDateTime: `${hour}.0000001Z` } });
      expect(renewed.body.expirationDateTime).toBe(`${hour}.0000001Z`);

      await c.admin(`/mailboxes/${MEGAN}/messages`, 'POST', { subject: 'precision', from: 'someone@fabrikam.com' });
      await receiver.waitFor(() => receiver.items('/n').some((item) => item.subscriptionId === seven.body.id));
      const item = receiver.items('/n').find((entry) => entry.subscriptionId === seven.body.id)!;
      expect(item.subscriptionExpirationDateTime).toBe(`${hour}.0000001Z`);
    });

    it('writes message times to the whole second', async () => {
      const { body } = await c.graph('/me/mailFolders/inbox/messages?$select=receivedDateTime,sentDateTime,createdDateTime,lastModifiedDateTime');
      const times = (body.value as Json[]).flatMap((message) => [message.receivedDateTime, message.sentDateTime, message.createdDateTime, message.lastModifiedDateTime]);
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('parses to the 100-ns tick and writes trailing zeros off', () => {
      expect(parseGraphDateTime('2016-11-20T18:23:45.9356913Z')).toEqual({ ms: Date.parse('2016-11-20T18:23:45.935Z'), text: '2016-11-20T18:23:45.9356913Z' });
      expect(parseGraphDateTime('2016-11-20T18:23:45.93569139Z')!.text).toBe('2016-11-20T18:23:45.9356913Z');
      expect(parseGraphDateTime('2016-11-20T20:23:45-01:30')!.text).toBe('2016-11-20T21:53:45Z');
      expect(parseGraphDateTime('2016-11-20 18:23:45')).toBeUndefined();
      expect(parseGraphDateTime('2016-11-20T18:23:45')).toBeUndefined();
      expect(formatGraphDateTime(Date.parse('2026-12-01T19:00:00.120Z'))).toBe('2026-12-01T19:00:00.12Z');
      expect(formatGraphDateTime(Date.parse('2026-12-01T19:00:00Z'), 5)).toBe('2026-12-01T19:00:00.0000005Z');
    });
  });
});
