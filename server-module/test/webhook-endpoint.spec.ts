import { startTestHost, type TestHost } from '../../test-support/index.js';
import { SubscriptionRepository } from '../src/subscriptions/subscription.repository.js';

// The dev host answers the webhook on its bare HTTP server (WebhookFastPath); a host that mounts nothing gets the
// plugin's Nest controller. Both must behave the same, so every case runs against both.
describe.each([
  ['on the bare HTTP server, before Express', true],
  ['through the Nest controller', false],
])('Graph webhook endpoints %s', (_path, webhookFastPath) => {
  let host: TestHost;
  let channelId: string;
  let workspaceId: string;
  const clientState = 'a-random-client-state-value-of-reasonable-length';
  const graphSubscriptionId = '7f105c7d-2dc5-4530-97cd-4e7ae6534c07';

  const notification = (overrides: Record<string, unknown> = {}) => ({
    value: [
      {
        subscriptionId: graphSubscriptionId,
        subscriptionExpirationDateTime: new Date(Date.now() + 3_600_000).toISOString(),
        changeType: 'created',
        clientState,
        tenantId: '6f1d3a52-8c47-4e0b-9a2d-1b5c7e9f3a10',
        resource: 'Users/u1/Messages/m1',
        resourceData: { '@odata.type': '#Microsoft.Graph.Message', '@odata.id': 'Users/u1/Messages/m1', id: 'm1' },
        ...overrides,
      },
    ],
  });
  // Every notification ever recorded (a push job may already have processed it).
  const pending = async () => Number((await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftNotification"`))[0].c);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => host.newClient().request('POST', path, { body, headers });

  beforeAll(async () => {
    host = await startTestHost({ webhookFastPath });
    // A subscription as if Graph had created it; its channel belongs to no real account, so no sync job can touch Graph.
    const [workspace] = await host.dataSource.query(`SELECT "id" FROM "workspace" LIMIT 1`);
    workspaceId = workspace.id;
    channelId = '0b7e6a52-7d0e-4a7b-9d54-3c1f2e5a6b7c';
    const repository = host.app.get(SubscriptionRepository);
    const record = await repository.prepare({ workspaceId, connectedAccountId: 'a4b0c5a6-1111-4c3d-8e9f-000000000001', channelId, kind: 'mail', resource: '/me/messages' }, clientState);
    await repository.activate(record.id, graphSubscriptionId, new Date(Date.now() + 3_600_000));
  });

  afterAll(async () => {
    await host?.close();
  });

  it('answers the validation handshake with the decoded token as text/plain, and nothing else', async () => {
    const token = 'Validation: tok+en/with=odd&chars é ✓';
    const response = await post(`/webhooks/microsoft/messaging?validationToken=${encodeURIComponent(token)}`, '', { 'content-type': 'text/plain' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.text).toBe(token);
    // Only Express stamps its name: proof of which stack answered.
    expect(response.headers.get('x-powered-by')).toBe(webhookFastPath ? null : 'Express');
    const lifecycle = await post(`/webhooks/microsoft/lifecycle?validationToken=${encodeURIComponent(token)}`, '', { 'content-type': 'text/plain' });
    expect(lifecycle.text).toBe(token);
  });

  it('records a genuine notification and answers 202', async () => {
    const before = await pending();
    const response = await post('/webhooks/microsoft/messaging', notification());
    expect(response.status).toBe(202);
    expect(response.text).toBe('');
    expect(await pending()).toBe(before + 1);
  });

  it.each([
    ['not JSON at all', '{"value": [', 400],
    ['no value array', { hello: 'world' }, 400],
    ['an empty value array', { value: [] }, 400],
    ['an item without subscriptionId', { value: [{ changeType: 'created', resource: 'x' }] }, 400],
    ['an unknown changeType', notification({ changeType: 'exploded' }), 400],
    ['a clientState over 128 characters', notification({ clientState: 'x'.repeat(129) }), 400],
  ])('refuses %s with a clear 4xx and records nothing', async (_label, body, status) => {
    const before = await pending();
    const response = await post('/webhooks/microsoft/messaging', body, { 'content-type': 'application/json' });
    expect(response.status).toBe(status);
    expect(response.text.length).toBeGreaterThan(0);
    expect(await pending()).toBe(before);
  });

  it('refuses an oversized body with 413, never a 500', async () => {
    const before = await pending();
    const huge = notification({ resource: 'x'.repeat(2 * 1024 * 1024) });
    const response = await post('/webhooks/microsoft/messaging', huge);
    expect(response.status).toBe(413);
    const tooBigForTheParser = await post('/webhooks/microsoft/messaging', notification({ resource: 'y'.repeat(12 * 1024 * 1024) }));
    expect(tooBigForTheParser.status).toBe(413);
    expect(await pending()).toBe(before);
  });

  it('refuses a body that is not JSON by type', async () => {
    const response = await post('/webhooks/microsoft/messaging', 'value=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBe(415);
  });

  it('refuses a forged clientState with 403 and records nothing', async () => {
    const before = await pending();
    const response = await post('/webhooks/microsoft/messaging', notification({ clientState: 'a-random-client-state-value-of-reasonable-lengtX' }));
    expect(response.status).toBe(403);
    const missing = await post('/webhooks/microsoft/messaging', notification({ clientState: undefined }));
    expect(missing.status).toBe(403);
    expect(await pending()).toBe(before);
  });

  it('acknowledges and ignores notifications for subscriptions that are not ours', async () => {
    const before = await pending();
    const response = await post('/webhooks/microsoft/messaging', notification({ subscriptionId: 'c0ffee00-0000-4000-8000-000000000000' }));
    expect(response.status).toBe(202);
    expect(await pending()).toBe(before);
  });

  it('checks lifecycle notifications the same way', async () => {
    const forged = await post('/webhooks/microsoft/lifecycle', { value: [{ subscriptionId: graphSubscriptionId, clientState: 'nope', lifecycleEvent: 'missed' }] });
    expect(forged.status).toBe(403);
    const malformed = await post('/webhooks/microsoft/lifecycle', { value: [{ subscriptionId: graphSubscriptionId, clientState, lifecycleEvent: 'exploded' }] });
    expect(malformed.status).toBe(400);
  });
});
