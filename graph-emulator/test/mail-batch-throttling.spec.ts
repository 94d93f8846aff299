import { MEGAN, useSeededMailbox } from './support/emulator-suite.js';
import { type Json } from './support/mail-client.js';

describe('mailbox: $batch, throttling, faults and counters', () => {
  const { t, c } = useSeededMailbox({ messages: 40, seed: 3 });

  const batch = (requests: Json[]) => c.graph('/$batch', { method: 'POST', body: { requests } });
  const inboxIds = async (n: number) =>
    ((await c.graph(`/me/mailFolders/inbox/messages?$top=${n}&$select=id`)).body.value as Json[]).map((m) => m.id as string);
  const counters = async () => (await c.admin('/requests')).body as { value: Json[]; totalCounted: number };

  it('answers up to 20 requests each on its own, and refuses 21', async () => {
    const ids = await inboxIds(20);
    const response = await batch(ids.map((id, i) => ({ id: String(i + 1), method: 'GET', url: `/me/messages/${id}?$select=subject` })));
    expect(response.status).toBe(200);
    const responses = response.body.responses as Json[];
    expect(responses).toHaveLength(20);
    expect(responses.map((r) => r.id).sort()).toEqual(ids.map((_, i) => String(i + 1)).sort());
    for (const item of responses) {
      expect(item.status).toBe(200);
      expect(item.headers['Content-Type']).toBe('application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8');
      expect(item.body.id).toBe(ids[Number(item.id) - 1]);
    }
    const mixed = (await batch([
      { id: 'a', method: 'GET', url: '/me/messages/AAMkAGnothing' },
      { id: 'b', method: 'GET', url: 'me/mailFolders/inbox' },
      { id: 'c', method: 'PATCH', url: `/me/messages/${ids[0]}`, body: { isRead: true }, headers: { 'Content-Type': 'application/json' } },
    ])).body.responses as Json[];
    const byId = Object.fromEntries(mixed.map((r) => [r.id, r]));
    expect(byId.a!.status).toBe(404);
    expect(byId.a!.body.error.code).toBe('ErrorItemNotFound');
    expect(byId.b!.status).toBe(200);
    expect(byId.c!.body.isRead).toBe(true);

    const tooMany = await batch(Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/me/mailFolders' })));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('BadRequest');
    expect((await batch([{ id: '1', method: 'GET', url: '/me' }, { id: '1', method: 'GET', url: '/me' }])).status).toBe(400);
  });

  it('gives 424 to the dependents of a failed request', async () => {
    const [id] = await inboxIds(1);
    const response = await batch([
      { id: '1', method: 'GET', url: '/me/messages/AAMkAGmissing' },
      { id: '2', method: 'GET', url: `/me/messages/${id}`, dependsOn: ['1'] },
      { id: '3', method: 'GET', url: `/me/messages/${id}?$select=subject` },
      { id: '4', method: 'GET', url: '/me/mailFolders/inbox', dependsOn: ['3'] },
    ]);
    const byId = Object.fromEntries((response.body.responses as Json[]).map((r) => [r.id, r]));
    expect(byId['1']!.status).toBe(404);
    expect(byId['2']!.status).toBe(424);
    expect(byId['3']!.status).toBe(200);
    expect(byId['4']!.status).toBe(200);
  });

  it('throttles with 429 TooManyRequests and Retry-After over the rate limit, inside $batch too, and keeps counting', async () => {
    await c.admin('/mail-settings', 'PUT', { throttling: { requestsPerWindow: 5, windowSeconds: 30 } });
    await c.admin('/requests', 'DELETE');
    const ids = await inboxIds(3); // 1 request
    const response = await batch(ids.concat(ids).map((id, i) => ({ id: String(i), method: 'GET', url: `/me/messages/${id}?$select=id` })));
    const statuses = (response.body.responses as Json[]).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    const throttled = (response.body.responses as Json[]).find((r) => r.status === 429)!;
    expect(Number(throttled.headers['Retry-After'])).toBeGreaterThan(0);
    expect(throttled.body.error.code).toBe('TooManyRequests');

    const top = await c.graph('/me/mailFolders');
    expect(top.status).toBe(429);
    expect(top.body.error).toMatchObject({ code: 'TooManyRequests', message: 'Please retry again later.' });
    expect(Number(top.headers.get('retry-after'))).toBeGreaterThan(0);

    const counted = await counters();
    expect(counted.value).toEqual([expect.objectContaining({ mailbox: MEGAN, counted: 8, batchEnvelopes: 1, batchItems: 6, throttled: 3 })]);
    expect(counted.totalCounted).toBe(8);
  });

  it('throttles over 4 concurrent requests with ApplicationThrottled', async () => {
    await c.admin('/mail-settings', 'PUT', { faults: { latencyMs: 300 } });
    const results = await Promise.all(Array.from({ length: 7 }, () => c.graph('/me/mailFolders/inbox')));
    const throttled = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200)).toHaveLength(4);
    expect(throttled).toHaveLength(3);
    expect(throttled[0]!.body.error).toMatchObject({ code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' });
    expect(throttled[0]!.headers.get('retry-after')).toBe('1');
    expect((await counters()).value).toEqual([expect.objectContaining({ mailbox: MEGAN, peakInFlight: 4 })]);

    // One batch runs at most 4 items at a time, so 20 items alone never trip the concurrency limit.
    const ids = await inboxIds(20);
    const started = Date.now();
    const response = await batch(ids.map((id, i) => ({ id: String(i), method: 'GET', url: `/me/messages/${id}?$select=id` })));
    expect((response.body.responses as Json[]).every((r) => r.status === 200)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 300 - 50);
  });

  it('injects faults at the configured rate with Retry-After, in $batch items too', async () => {
    const settings = await c.admin('/mail-settings', 'PUT', { faults: { failureRate: 1, statuses: [503], retryAfterSeconds: 7 } });
    expect(settings.body.faults).toMatchObject({ failureRate: 1, statuses: [503], retryAfterSeconds: 7 });
    for (let i = 0; i < 3; i += 1) {
      const failed = await c.graph('/me/mailFolders/inbox/messages');
      expect(failed.status).toBe(503);
      expect(failed.headers.get('retry-after')).toBe('7');
      expect(failed.body.error.code).toBe('ServiceUnavailable');
    }
    const response = await batch([
      { id: '1', method: 'GET', url: '/me/mailFolders' },
      { id: '2', method: 'GET', url: '/me/mailFolders/inbox' },
    ]);
    expect(response.status).toBe(200);
    for (const item of response.body.responses as Json[]) {
      expect(item.status).toBe(503);
      expect(item.headers['Retry-After']).toBe('7');
    }
    expect((await counters()).value[0]).toMatchObject({ faults: 5 });
    expect((await c.admin('/mail-settings', 'PUT', { faults: { statuses: [418] } })).status).toBe(400);
  });

  it('draws faults deterministically from a seed', async () => {
    const draw = async () => {
      await c.admin('/mail-settings', 'PUT', { faults: { failureRate: 0.5, statuses: [429, 500, 502, 503, 504], seed: 1234 } });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) statuses.push((await c.graph('/me/mailFolders/inbox')).status);
      return statuses;
    };
    const first = await draw();
    expect(first.some((s) => s === 200)).toBe(true);
    expect(first.some((s) => s !== 200)).toBe(true);
    expect(await draw()).toEqual(first);
  });

  it('exposes the same knobs and counters on the in-process store', () => {
    const mail = t.emulator.store.mail;
    expect(mail.getSettings().throttling).toMatchObject({ requestsPerWindow: 10_000, windowSeconds: 600, concurrentRequests: 4 });
    mail.updateSettings({ throttling: { concurrentRequests: 2 } });
    expect(mail.admit('app', 'box').ok).toBe(true);
    expect(mail.admit('app', 'box').ok).toBe(true);
    expect(mail.admit('app', 'box')).toMatchObject({ ok: false, reason: 'concurrency' });
    mail.release('app', 'box');
    expect(mail.admit('app', 'box').ok).toBe(true);
    expect(mail.getRequestCounters()).toEqual([expect.objectContaining({ appId: 'app', mailbox: 'box', counted: 4 })]);
    mail.resetRequestCounters();
    expect(mail.getRequestCounters()).toEqual([]);
  });
});
