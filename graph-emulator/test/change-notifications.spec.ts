import { startTestEmulator, type TestEmulator } from './support/emulator-harness.js';
import { accessToken, mailClient, type Json, type MailClient } from './support/mail-client.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const MEGAN = 'megan.bowen@contoso.com';
const MINUTE = 60_000;
const inMinutes = (minutes: number): string => new Date(Date.now() + minutes * MINUTE).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Graph change notifications: delivery, batching, retries, knobs, lifecycle', () => {
  let t: TestEmulator;
  let receiver: WebhookReceiver;
  let c: MailClient;
  let meganId: string;

  const store = () => t.emulator.store;
  const subscribe = async (overrides: Json = {}): Promise<Json> => {
    const response = await c.graph('/subscriptions', {
      method: 'POST',
      body: {
        changeType: 'created,updated,deleted',
        notificationUrl: `${receiver.baseUrl}/notify`,
        lifecycleNotificationUrl: `${receiver.baseUrl}/lifecycle`,
        resource: "/me/mailFolders('inbox')/messages",
        expirationDateTime: inMinutes(600),
        clientState: 'state-1',
        ...overrides,
      },
    });
    if (response.status !== 201) throw new Error(`subscribe answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const deliver = (subject: string, folder?: string) => store().mail.deliverMessage(MEGAN, { subject, ...(folder ? { folder } : {}) });
  const idle = async () => expect(await t.emulator.notifications.idle(5000)).toBe(true);

  beforeAll(async () => {
    t = await startTestEmulator({
      notificationSettings: { retryInitialDelayMs: 30, retryMaxDelayMs: 100, responseTimeoutMs: 1000, validationTimeoutMs: 1000 },
    });
    receiver = await startReceiver();
    meganId = t.emulator.store.findUser(MEGAN)!.id;
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(async () => {
    store().reset();
    receiver.requests.length = 0;
    receiver.behaviour = () => undefined;
    c = mailClient(t, await accessToken(t));
  });

  it('notifies created, updated and deleted in the documented shape, fast', async () => {
    const subscription = await subscribe();
    const accepted = deliver('hello');
    await receiver.waitFor(() => receiver.items('/notify').length === 1);
    const latency = receiver.requests.at(-1)!.at - Date.parse(accepted.acceptedAt);
    expect(latency).toBeLessThan(250);
    const post = receiver.requests.at(-1)!;
    expect(post.method).toBe('POST');
    expect(post.headers['content-type']).toMatch(/^application\/json/);
    expect(post.rawQuery).toBe('');
    const resource = `Users/${meganId}/Messages/${accepted.id}`;
    expect(receiver.items('/notify')[0]).toEqual({
      subscriptionId: subscription.id,
      subscriptionExpirationDateTime: subscription.expirationDateTime,
      changeType: 'created',
      resource,
      resourceData: {
        '@odata.type': '#Microsoft.Graph.Message',
        '@odata.id': resource,
        '@odata.etag': accepted.message['@odata.etag'],
        id: accepted.id,
      },
      clientState: 'state-1',
      tenantId: store().findUser(MEGAN)!.tenantId,
    });

    // Through Graph: PATCH isRead → updated; DELETE → deleted (same id).
    expect((await c.graph(`/me/messages/${accepted.id}`, { method: 'PATCH', body: { isRead: true } })).status).toBe(200);
    expect((await c.graph(`/me/messages/${accepted.id}`, { method: 'DELETE' })).status).toBe(204);
    await receiver.waitFor(() => receiver.items('/notify').length === 3);
    const items = receiver.items('/notify');
    expect(items.map((item) => item.changeType)).toEqual(['created', 'updated', 'deleted']);
    expect(items.every((item) => item.resourceData.id === accepted.id)).toBe(true);
    expect(items[1].resourceData['@odata.etag']).not.toBe(items[0].resourceData['@odata.etag']);

    const deliveries = (await (await t.request('/_admin/notifications/deliveries')).json()) as Json;
    expect(deliveries.value.length).toBeGreaterThanOrEqual(2);
    expect(deliveries.value[0]).toMatchObject({ kind: 'notification', subscriptionId: subscription.id, url: `${receiver.baseUrl}/notify`, status: 202, attempt: 1, outcome: 'delivered' });
    expect(typeof deliveries.value[0].durationMs).toBe('number');
    expect(deliveries.totals).toMatchObject({ itemsQueued: 3, itemsDelivered: 3, postsFailed: 0 });
  });

  it('matches folder and change type: a folder subscription sees moves as deleted/created, /me/messages sees every folder', async () => {
    const inboxOnly = await subscribe({ changeType: 'created' });
    const everything = await subscribe({ resource: '/me/messages', notificationUrl: `${receiver.baseUrl}/all`, lifecycleNotificationUrl: undefined });
    const archived = deliver('to the archive', 'archive');
    const inbox = deliver('to the inbox');
    store().mail.setRead(MEGAN, inbox.id, true);
    const moved = store().mail.moveMessage(MEGAN, inbox.id, 'archive');
    await idle();
    const forInbox = receiver.items('/notify');
    expect(forInbox.map((item) => [item.subscriptionId, item.changeType, item.resourceData.id])).toEqual([[inboxOnly.id, 'created', inbox.id]]);
    const forAll = receiver.items('/all');
    expect(forAll.map((item) => [item.changeType, item.resourceData.id])).toEqual([
      ['created', archived.id],
      ['created', inbox.id],
      ['updated', inbox.id],
      ['deleted', inbox.id],
      ['created', moved.id],
    ]);
    expect(forAll.every((item) => item.subscriptionId === everything.id && item.clientState === 'state-1')).toBe(true);
  });

  it('batches items for one URL into one POST (window and max items are knobs)', async () => {
    const first = await subscribe();
    const second = await subscribe({ resource: '/me/messages', clientState: 'state-2', lifecycleNotificationUrl: undefined });
    store().subscriptions.updateSettings({ batchWindowMs: 40 });
    for (let i = 0; i < 5; i += 1) deliver(`burst ${i}`);
    await idle();
    const posts = receiver.posts('/notify');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.value).toHaveLength(10);
    expect(new Set(posts[0]!.value.map((item: Json) => item.subscriptionId))).toEqual(new Set([first.id, second.id]));

    receiver.requests.length = 0;
    store().subscriptions.updateSettings({ batchWindowMs: 0, maxItemsPerPost: 3 });
    for (let i = 0; i < 4; i += 1) deliver(`second burst ${i}`);
    await idle();
    expect(receiver.posts('/notify').map((post) => post.value.length)).toEqual([3, 3, 2]);
  });

  it('retries after a 500 and after a too-slow answer, and gives up at the deadline', async () => {
    const subscription = await subscribe();
    receiver.behaviour = (request) => (request.path === '/notify' && !request.query.has('validationToken') && receiver.posts('/notify').length === 1 ? { status: 500 } : undefined);
    const message = deliver('retry me');
    await idle();
    expect(receiver.items('/notify').map((item) => item.resourceData.id)).toEqual([message.id, message.id]);
    let attempts = store().subscriptions.listAttempts({ subscriptionId: subscription.id });
    expect(attempts.map((a) => [a.attempt, a.status, a.outcome])).toEqual([[1, 500, 'failed'], [2, 202, 'delivered']]);

    store().subscriptions.resetDeliveryLog();
    receiver.requests.length = 0;
    store().subscriptions.updateSettings({ responseTimeoutMs: 150 });
    receiver.behaviour = (request) => (request.path === '/notify' && receiver.posts('/notify').length === 1 ? { delayMs: 400 } : undefined);
    deliver('slow endpoint');
    await idle();
    attempts = store().subscriptions.listAttempts();
    expect(attempts.map((a) => [a.attempt, a.status, a.outcome])).toEqual([[1, null, 'timeout'], [2, 202, 'delivered']]);
    // The slow answer still reached the endpoint: it sees the item twice, as with Graph.
    expect(receiver.items('/notify')).toHaveLength(2);

    store().subscriptions.resetDeliveryLog();
    store().subscriptions.updateSettings({ retryDeadlineMs: 120 });
    receiver.behaviour = (request) => (request.path === '/notify' ? { status: 503 } : undefined);
    deliver('never accepted');
    await idle();
    const totals = store().subscriptions.getTotals();
    expect(totals.itemsAbandoned).toBe(1);
    expect(totals.itemsDelivered).toBe(0);
    expect(store().subscriptions.listAttempts().length).toBeGreaterThanOrEqual(2);
  });

  it('drops and duplicates by knob; a drop can raise `missed`', async () => {
    const subscription = await subscribe();
    await t.request('/_admin/notifications/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dropRate: 1 }) });
    deliver('dropped');
    await idle();
    expect(receiver.items('/notify')).toHaveLength(0);
    expect(store().subscriptions.getTotals().itemsDropped).toBe(1);

    store().subscriptions.updateSettings({ missedOnDrop: true });
    deliver('dropped, reported missed');
    await receiver.waitFor(() => receiver.items('/lifecycle').length === 1);
    expect(receiver.items('/lifecycle')[0]).toEqual({
      subscriptionId: subscription.id,
      subscriptionExpirationDateTime: subscription.expirationDateTime,
      tenantId: store().findUser(MEGAN)!.tenantId,
      clientState: 'state-1',
      lifecycleEvent: 'missed',
    });

    store().subscriptions.updateSettings({ dropRate: 0, duplicateRate: 1 });
    const message = deliver('twice');
    await idle();
    expect(receiver.items('/notify').map((item) => item.resourceData.id)).toEqual([message.id, message.id]);
    expect(store().subscriptions.getTotals().itemsDuplicated).toBe(1);
  });

  it('adds a delivery delay by knob', async () => {
    await subscribe();
    store().subscriptions.updateSettings({ deliveryDelayMs: 150 });
    const accepted = deliver('late');
    await receiver.waitFor(() => receiver.items('/notify').length === 1);
    expect(receiver.requests.at(-1)!.at - Date.parse(accepted.acceptedAt)).toBeGreaterThanOrEqual(140);
  });

  it('stops delivering once expired (clock knob) and on expire-now', async () => {
    const subscription = await subscribe({ expirationDateTime: inMinutes(50) });
    const clock = await t.request('/_admin/notifications/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: 51 * MINUTE }) });
    expect(clock.status).toBe(200);
    expect(((await clock.json()) as Json).offsetMs).toBe(51 * MINUTE);
    deliver('after expiry');
    await idle();
    expect(receiver.items('/notify')).toHaveLength(0);
    expect((await c.graph(`/subscriptions/${subscription.id}`)).status).toBe(404);
    expect((await c.graph('/subscriptions')).body.value).toEqual([]);

    // A renewal counts from the emulator clock too.
    const renewedLater = await subscribe({ expirationDateTime: new Date(store().subscriptions.now() + 60 * MINUTE).toISOString() });
    expect((await c.graph(`/subscriptions/${renewedLater.id}`)).status).toBe(200);
    const expired = await t.request(`/_admin/notifications/subscriptions/${renewedLater.id}/expire`, { method: 'POST' });
    expect(expired.status).toBe(200);
    deliver('after expire-now');
    await idle();
    expect(receiver.items('/notify')).toHaveLength(0);
    expect((await c.graph(`/subscriptions/${renewedLater.id}`)).status).toBe(404);
  });

  it('sends reauthorizationRequired before the token expires, pauses when unanswered, resumes on reauthorize', async () => {
    const subscription = await subscribe();
    // Tokens live 60 minutes; the notice comes 10 minutes before.
    t.emulator.notifications.advanceClock(49 * MINUTE);
    await sleep(30);
    expect(receiver.items('/lifecycle')).toHaveLength(0);
    t.emulator.notifications.advanceClock(2 * MINUTE);
    await receiver.waitFor(() => receiver.items('/lifecycle').length === 1);
    expect(receiver.items('/lifecycle')[0]).toMatchObject({ subscriptionId: subscription.id, lifecycleEvent: 'reauthorizationRequired', clientState: 'state-1' });
    deliver('still delivered before the token expires');
    await receiver.waitFor(() => receiver.items('/notify').length === 1);

    t.emulator.notifications.advanceClock(10 * MINUTE);
    deliver('lost while paused');
    await idle();
    expect(receiver.items('/notify')).toHaveLength(1);
    expect(store().subscriptions.getTotals().itemsLostWhilePaused).toBe(1);
    const view = (await (await t.request(`/_admin/notifications/subscriptions/${subscription.id}`)).json()) as Json;
    expect(view.state).toBe('paused');

    expect((await c.graph(`/subscriptions/${subscription.id}/reauthorize`, { method: 'POST' })).status).toBe(204);
    deliver('after reauthorize');
    await receiver.waitFor(() => receiver.items('/notify').length === 2);
    expect(receiver.items('/lifecycle')).toHaveLength(1);
  });

  it('triggers each lifecycle event by knob; subscriptionRemoved removes it; renew answers a pending reauthorization', async () => {
    const subscription = await subscribe();
    const trigger = (event: string, extra: Json = {}) =>
      t.request(`/_admin/notifications/subscriptions/${subscription.id}/lifecycle`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event, ...extra }),
      });

    expect((await trigger('missed')).status).toBe(202);
    const reauth = await trigger('reauthorizationRequired', { pauseAfterMs: 0 });
    expect(reauth.status).toBe(202);
    expect(((await reauth.json()) as Json).sent).toBe(true);
    await receiver.waitFor(() => receiver.items('/lifecycle').length === 2);
    expect(receiver.items('/lifecycle').map((item) => item.lifecycleEvent)).toEqual(['missed', 'reauthorizationRequired']);
    deliver('paused');
    await idle();
    expect(receiver.items('/notify')).toHaveLength(0);
    expect((await c.graph(`/subscriptions/${subscription.id}`, { method: 'PATCH', body: { expirationDateTime: inMinutes(900) } })).status).toBe(200);
    deliver('renewed');
    await receiver.waitFor(() => receiver.items('/notify').length === 1);

    expect((await trigger('bogus')).status).toBe(400);
    expect((await trigger('subscriptionRemoved')).status).toBe(202);
    await receiver.waitFor(() => receiver.items('/lifecycle').length === 3);
    expect(receiver.items('/lifecycle')[2]).toMatchObject({ subscriptionId: subscription.id, lifecycleEvent: 'subscriptionRemoved' });
    expect((await c.graph(`/subscriptions/${subscription.id}`)).status).toBe(404);
    deliver('after removal');
    await idle();
    expect(receiver.items('/notify')).toHaveLength(1);
    expect((await trigger('missed')).status).toBe(404);
  });

  it('removes the subscriptions with subscriptionRemoved when the user’s sessions are revoked', async () => {
    const first = await subscribe();
    const second = await subscribe({ resource: '/me/messages', lifecycleNotificationUrl: `${receiver.baseUrl}/lifecycle-2` });
    const revoked = await t.request(`/_admin/users/${MEGAN}/revoke-sessions`, { method: 'POST' });
    expect(revoked.status).toBe(200);
    await receiver.waitFor(() => receiver.items('/lifecycle').length === 1 && receiver.items('/lifecycle-2').length === 1);
    expect(receiver.items('/lifecycle')[0]).toMatchObject({ subscriptionId: first.id, lifecycleEvent: 'subscriptionRemoved' });
    expect(receiver.items('/lifecycle-2')[0]).toMatchObject({ subscriptionId: second.id, lifecycleEvent: 'subscriptionRemoved' });
    const all = (await (await t.request('/_admin/notifications/subscriptions')).json()) as Json;
    expect(all.value).toEqual([]);
    deliver('nobody listens');
    await idle();
    expect(receiver.items('/notify')).toHaveLength(0);
  });

  it('delivers to many endpoints concurrently', async () => {
    const receivers = await Promise.all(Array.from({ length: 5 }, () => startReceiver()));
    try {
      for (const [index, other] of receivers.entries()) {
        other.behaviour = (request) => (request.query.has('validationToken') ? undefined : { delayMs: 200 });
        await subscribe({ notificationUrl: `${other.baseUrl}/n${index}`, lifecycleNotificationUrl: undefined });
      }
      const started = Date.now();
      deliver('fan out');
      await idle();
      expect(Date.now() - started).toBeLessThan(700);
      expect(receivers.every((other, index) => other.items(`/n${index}`).length === 1)).toBe(true);
    } finally {
      await Promise.all(receivers.map((other) => other.close()));
    }
  });
});
