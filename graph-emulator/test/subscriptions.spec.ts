import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { redeemCode, signIn } from './support/auth-flow.js';
import { startTestEmulator, type TestEmulator } from './support/emulator-harness.js';
import { accessToken, mailClient, type Json, type MailClient } from './support/mail-client.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

const MEGAN = 'megan.bowen@contoso.com';
const inMinutes = (minutes: number, from = Date.now()): string => new Date(from + minutes * 60_000).toISOString();

describe('Graph subscriptions: creation, validation handshake, lifetime, renew, delete, reauthorize', () => {
  let t: TestEmulator;
  let receiver: WebhookReceiver;
  let c: MailClient;
  let megan: Json;

  const subscriptionBody = (overrides: Json = {}): Json => ({
    changeType: 'created,updated,deleted',
    notificationUrl: `${receiver.baseUrl}/notify`,
    lifecycleNotificationUrl: `${receiver.baseUrl}/lifecycle`,
    resource: "/me/mailFolders('inbox')/messages",
    expirationDateTime: inMinutes(120),
    clientState: 'secret-client-state',
    ...overrides,
  });
  const create = (overrides: Json = {}, client = c) => client.graph('/subscriptions', { method: 'POST', body: subscriptionBody(overrides) });

  beforeAll(async () => {
    t = await startTestEmulator({ notificationSettings: { validationTimeoutMs: 1000 } });
    receiver = await startReceiver();
    megan = (await (await t.request(`/_admin/users`)).json() as Json).value.find((u: Json) => u.userPrincipalName === MEGAN);
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });
  beforeEach(async () => {
    t.emulator.store.reset();
    receiver.requests.length = 0;
    receiver.behaviour = () => undefined;
    c = mailClient(t, await accessToken(t));
  });

  it('validates both URLs with a URL-encoded token, then answers 201 with the subscription', async () => {
    const before = Date.now();
    const created = await create();
    expect(created.status).toBe(201);
    const validations = receiver.requests.filter((r) => r.query.has('validationToken'));
    expect(validations.map((r) => r.path)).toEqual(['/notify', '/lifecycle']);
    for (const request of validations) {
      expect(request.method).toBe('POST');
      expect(request.headers['content-type']).toMatch(/^text\/plain/);
      expect(request.body).toBe('');
      // The raw token needs decoding: encoded spaces, '+', '/', '=', '&' and UTF-8 bytes.
      for (const encoded of ['%20', '%2B', '%2F', '%3D', '%26', '%C3%BC']) expect(request.rawQuery).toContain(encoded);
      const token = request.query.get('validationToken')!;
      expect(token).toMatch(/[ +/=&ü]/);
      expect(decodeURIComponent(request.rawQuery.replace(/^validationToken=/, ''))).toBe(token);
    }
    expect(validations[0]!.query.get('validationToken')).not.toBe(validations[1]!.query.get('validationToken'));

    const body = created.body;
    expect(body).toMatchObject({
      '@odata.context': `${t.emulator.graphBaseUrl}/$metadata#subscriptions/$entity`,
      resource: "/me/mailFolders('inbox')/messages",
      applicationId: t.emulator.demoApp.clientId,
      changeType: 'created,updated,deleted',
      clientState: 'secret-client-state',
      notificationUrl: `${receiver.baseUrl}/notify`,
      lifecycleNotificationUrl: `${receiver.baseUrl}/lifecycle`,
      creatorId: megan.id,
      includeResourceData: false,
      latestSupportedTlsVersion: 'v1_2',
      notificationUrlAppId: null,
      encryptionCertificate: null,
      notificationContentType: 'application/json',
    });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    const expires = Date.parse(body.expirationDateTime);
    expect(expires).toBeGreaterThan(before + 119 * 60_000);

    const got = await c.graph(`/subscriptions/${body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(body.id);
    const list = await c.graph('/subscriptions');
    expect(list.status).toBe(200);
    expect(list.body.value.map((s: Json) => s.id)).toEqual([body.id]);
    expect(list.body.value[0].clientState).toBeNull();
    expect(got.body.clientState).toBe('secret-client-state');
  });

  it('validates the same URL twice when it is both the notification and the lifecycle URL', async () => {
    const url = `${receiver.baseUrl}/both?channel=a`;
    const created = await create({ notificationUrl: url, lifecycleNotificationUrl: url });
    expect(created.status).toBe(201);
    const validations = receiver.requests.filter((r) => r.query.has('validationToken'));
    expect(validations).toHaveLength(2);
    expect(validations.every((r) => r.path === '/both' && r.query.get('channel') === 'a')).toBe(true);
  });

  it('fails creation with ValidationError on a wrong echo, a non-200, a slow answer or a non-text answer', async () => {
    receiver.behaviour = (request) => (request.query.has('validationToken') ? { body: 'not the token' } : undefined);
    const wrong = await create();
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('ValidationError');
    expect(wrong.body.error.message).toMatch(/Subscription validation request failed\. Response must exactly match validationToken/);

    // Echoing the raw (still encoded) token is wrong too.
    receiver.behaviour = (request) => (request.query.has('validationToken') ? { body: request.rawQuery.replace(/^validationToken=/, '') } : undefined);
    expect((await create()).body.error.code).toBe('ValidationError');

    receiver.behaviour = (request) => (request.query.has('validationToken') ? { status: 202 } : undefined);
    const notOk = await create();
    expect(notOk.status).toBe(400);
    expect(notOk.body.error.message).toMatch(/must respond with 200 OK/);

    receiver.behaviour = (request) => (request.query.has('validationToken') ? { delayMs: 1500 } : undefined);
    const started = Date.now();
    const slow = await create();
    expect(slow.status).toBe(400);
    expect(slow.body.error.code).toBe('ValidationError');
    expect(Date.now() - started).toBeLessThan(1450);

    receiver.behaviour = (request) => (request.query.has('validationToken') ? { contentType: 'text/html' } : undefined);
    expect((await create()).status).toBe(400);

    // A prompt endpoint too far away: the network latency knob counts against the 1-second deadline.
    receiver.behaviour = () => undefined;
    t.emulator.store.subscriptions.updateSettings({ endpointLatencyMs: 1200 });
    const far = await create();
    t.emulator.store.subscriptions.updateSettings({ endpointLatencyMs: 0 });
    expect(far.status).toBe(400);
    expect(far.body.error.code).toBe('ValidationError');

    // Only the lifecycle endpoint fails: still no subscription.
    receiver.behaviour = (request) => (request.path === '/lifecycle' ? { status: 500 } : undefined);
    expect((await create()).status).toBe(400);
    expect((await c.graph('/subscriptions')).body.value).toEqual([]);
    expect(t.emulator.store.subscriptions.getTotals().validationsFailed).toBe(7);
  });

  it('enforces lifetimes: too long → 400, in the past → 400, under 45 minutes raised to 45', async () => {
    const tooLong = await create({ expirationDateTime: inMinutes(10_081) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error).toMatchObject({ code: 'ExtensionError', message: 'Subscription expiration can only be 10080 minutes in the future.' });
    expect((await create({ expirationDateTime: inMinutes(10_079) })).status).toBe(201);

    const past = await create({ expirationDateTime: inMinutes(-1) });
    expect(past.status).toBe(400);
    const missing = await create({ expirationDateTime: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/expirationDateTime is a required property/);

    const before = Date.now();
    const short = await create({ expirationDateTime: inMinutes(5) });
    expect(short.status).toBe(201);
    const expires = Date.parse(short.body.expirationDateTime);
    expect(expires).toBeGreaterThanOrEqual(before + 45 * 60_000);
    expect(expires).toBeLessThan(Date.now() + 45 * 60_000 + 1000);
  });

  it('rejects bad bodies: changeType, URLs, resource, clientState length, includeResourceData', async () => {
    const bad = async (overrides: Json, pattern: RegExp) => {
      const response = await create(overrides);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(pattern);
    };
    await bad({ changeType: 'created,moved' }, /'moved' is not a valid changeType/);
    await bad({ changeType: '' }, /changeType is a required property/);
    await bad({ notificationUrl: 'http://example.com/notify' }, /^NotificationUrl scheme='http' is not supported\.$/);
    await bad({ notificationUrl: 'not a url' }, /absolute URL/);
    await bad({ lifecycleNotificationUrl: 'ftp://localhost/x' }, /^LifecycleNotificationUrl scheme='ftp' is not supported\.$/);
    await bad({ resource: '/me/drive/root' }, /is not supported/);
    await bad({ clientState: 'x'.repeat(129) }, /at most 128 characters/);
    await bad({ includeResourceData: true }, /includeResourceData is not supported/);
    await bad({ latestSupportedTlsVersion: 'v2' }, /latestSupportedTlsVersion/);
    expect(receiver.requests).toHaveLength(0);
    expect((await create({ clientState: 'x'.repeat(128) })).status).toBe(201);
  });

  it('accepts every documented resource form, mapping me to the token user', async () => {
    const scope = ['User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'Contacts.ReadWrite'].map((s) => `https://graph.microsoft.com/${s}`).join(' ');
    const { body: tokens } = await redeemCode(t, await signIn(t, { scope: `${scope} openid profile offline_access` }));
    const wide = mailClient(t, tokens.access_token as string);
    const archive = (await c.graph('/me/mailFolders/archive')).body;
    const resources = [
      '/me/messages',
      'me/messages',
      "me/mailFolders('inbox')/messages",
      `/me/mailFolders/${archive.id}/messages`,
      `/users/${megan.id}/messages`,
      `/users/${MEGAN}/mailFolders('Inbox')/messages`,
      '/me/events',
      '/me/contacts',
    ];
    for (const resource of resources) {
      const created = await create({ resource, lifecycleNotificationUrl: undefined }, wide);
      expect([resource, created.status]).toEqual([resource, 201]);
      expect(created.body.resource).toBe(resource);
    }
    const all = (await t.request('/_admin/notifications/subscriptions').then((r) => r.json())) as Json;
    expect(all.value).toHaveLength(resources.length);
    expect(all.value.every((s: Json) => s.userId === megan.id && s.state === 'active')).toBe(true);
    expect(all.value.find((s: Json) => s.resource === `/me/mailFolders/${archive.id}/messages`).folderId).toBe(archive.id);
    expect(all.value.find((s: Json) => s.resource === '/me/messages').folderId).toBeNull();
    expect((await create({ resource: "/me/mailFolders('nope')/messages" })).status).toBe(404);
  });

  it('needs the resource scope (403) and the caller’s own mailbox', async () => {
    const noMail = mailClient(t, await accessToken(t, { dropScopes: ['Mail.ReadWrite'] }));
    const denied = await create({}, noMail);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('ExtensionError');
    expect((await create({ resource: '/me/events' }, noMail)).status).toBe(403);
    const alex = (await (await t.request('/_admin/users')).json() as Json).value.find((u: Json) => u.userPrincipalName === 'alex.wilber@contoso.com');
    expect((await create({ resource: `/users/${alex.id}/messages` })).status).toBe(403);
    expect(receiver.requests).toHaveLength(0);
  });

  it('caps active Outlook subscriptions per mailbox', async () => {
    t.emulator.store.subscriptions.updateSettings({ maxSubscriptionsPerMailbox: 2 });
    expect((await create()).status).toBe(201);
    expect((await create({ resource: '/me/messages' })).status).toBe(201);
    const third = await create();
    expect(third.status).toBe(403);
    expect(third.body.error.message).toMatch(/Maximum number of subscriptions/);
  });

  it('renews with PATCH (same bounds), moves the notificationUrl after validating it, reauthorizes and deletes', async () => {
    const { body: created } = await create({ expirationDateTime: inMinutes(60) });
    receiver.requests.length = 0;

    const renewed = await c.graph(`/subscriptions/${created.id}`, { method: 'PATCH', body: { expirationDateTime: inMinutes(3000) } });
    expect(renewed.status).toBe(200);
    expect(Date.parse(renewed.body.expirationDateTime)).toBeGreaterThan(Date.parse(created.expirationDateTime));
    expect(receiver.requests).toHaveLength(0);
    expect((await c.graph(`/subscriptions/${created.id}`, { method: 'PATCH', body: { expirationDateTime: inMinutes(20_000) } })).status).toBe(400);
    expect((await c.graph(`/subscriptions/${created.id}`, { method: 'PATCH', body: { lifecycleNotificationUrl: `${receiver.baseUrl}/x` } })).status).toBe(400);
    expect((await c.graph(`/subscriptions/${created.id}`, { method: 'PATCH', body: { resource: '/me/messages' } })).status).toBe(400);

    const moved = await c.graph(`/subscriptions/${created.id}`, { method: 'PATCH', body: { notificationUrl: `${receiver.baseUrl}/notify-2` } });
    expect(moved.status).toBe(200);
    expect(moved.body.notificationUrl).toBe(`${receiver.baseUrl}/notify-2`);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/notify-2']);
    receiver.behaviour = () => ({ status: 500 });
    expect((await c.graph(`/subscriptions/${created.id}`, { method: 'PATCH', body: { notificationUrl: `${receiver.baseUrl}/broken` } })).status).toBe(400);
    receiver.behaviour = () => undefined;

    const reauthorized = await c.graph(`/subscriptions/${created.id}/reauthorize`, { method: 'POST' });
    expect(reauthorized.status).toBe(204);
    const after = await c.graph(`/subscriptions/${created.id}`);
    expect(after.body.expirationDateTime).toBe(renewed.body.expirationDateTime);
    expect(after.body.notificationUrl).toBe(`${receiver.baseUrl}/notify-2`);

    // Another user of the same app sees nothing of it.
    const alex = mailClient(t, await accessToken(t, { account: 'alex.wilber@contoso.com' }));
    expect((await alex.graph(`/subscriptions/${created.id}`)).status).toBe(404);
    expect((await alex.graph(`/subscriptions/${created.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await alex.graph('/subscriptions')).body.value).toEqual([]);

    expect((await c.graph(`/subscriptions/${created.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await c.graph(`/subscriptions/${created.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('ResourceNotFound');
    expect((await c.graph(`/subscriptions/${created.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await c.graph('/subscriptions/00000000-0000-0000-0000-000000000000/reauthorize', { method: 'POST' })).status).toBe(404);
  });

  it('delivers over https to a receiver whose certificate the emulator’s CA signed, and to a configured extra CA', async () => {
    const https = await startReceiver({
      key: readFileSync(join(t.dataDir, 'server-key.pem'), 'utf8'),
      cert: readFileSync(join(t.dataDir, 'server.pem'), 'utf8'),
    });
    try {
      const created = await create({ notificationUrl: `${https.baseUrl}/notify`, lifecycleNotificationUrl: `${https.baseUrl}/lifecycle` });
      expect(created.status).toBe(201);
      t.emulator.store.mail.deliverMessage(MEGAN, { subject: 'over https' });
      await https.waitFor(() => https.items('/notify').length === 1);
      expect(https.items('/notify')[0]).toMatchObject({ subscriptionId: created.body.id, changeType: 'created' });
    } finally {
      await https.close();
    }

    const selfSigned = selfSignedCertificate();
    const other = await startReceiver(selfSigned);
    try {
      const untrusted = await create({ notificationUrl: `${other.baseUrl}/notify`, lifecycleNotificationUrl: undefined });
      expect(untrusted.status).toBe(400);
      expect(untrusted.body.error.code).toBe('ValidationError');
      const settings = await t.request('/_admin/notifications/settings', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ trustedCaPem: selfSigned.cert }),
      });
      expect(settings.status).toBe(200);
      expect((await create({ notificationUrl: `${other.baseUrl}/notify`, lifecycleNotificationUrl: undefined })).status).toBe(201);
    } finally {
      await other.close();
    }
  });
});

function selfSignedCertificate(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'Other local CA' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
    { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { key: keyPem, cert: forge.pki.certificateToPem(cert) };
}

describe("Graph's https rule for notification URLs", () => {
  let t: TestEmulator;
  let plain: WebhookReceiver;
  let secure: WebhookReceiver;
  let c: MailClient;

  const create = (notificationUrl: string, lifecycleNotificationUrl?: string) =>
    c.graph('/subscriptions', {
      method: 'POST',
      body: { changeType: 'created', notificationUrl, lifecycleNotificationUrl, resource: '/me/messages', expirationDateTime: inMinutes(120), clientState: 'state' },
    });
  const allowLoopbackHttp = async (allow: boolean) => {
    const response = await t.request('/_admin/notifications/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ allowLoopbackHttpNotificationUrls: allow }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Json).allowLoopbackHttpNotificationUrls).toBe(allow);
  };
  const refused = (response: Json, message: string) => {
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'InvalidRequest', message });
  };

  beforeAll(async () => {
    // As Microsoft Graph: nothing but https, unless the setting says otherwise.
    t = await startTestEmulator({ allowLoopbackHttpNotificationUrls: false });
    plain = await startReceiver();
    secure = await startReceiver({ key: readFileSync(join(t.dataDir, 'server-key.pem'), 'utf8'), cert: readFileSync(join(t.dataDir, 'server.pem'), 'utf8') });
    c = mailClient(t, await accessToken(t));
  });
  afterAll(async () => {
    await plain.close();
    await secure.close();
    await t.close();
  });

  it('refuses an http notificationUrl, even to the loopback host, with Graph\'s error and no handshake', async () => {
    expect(t.emulator.store.subscriptions.getSettings().allowLoopbackHttpNotificationUrls).toBe(false);
    refused(await create(`${plain.baseUrl}/notify`), "NotificationUrl scheme='http' is not supported.");
    refused(await create(`http://localhost:${new URL(plain.baseUrl).port}/notify`), "NotificationUrl scheme='http' is not supported.");
    expect(plain.requests).toHaveLength(0);
  });

  it('refuses an http lifecycleNotificationUrl beside an https notificationUrl', async () => {
    refused(await create(`${secure.baseUrl}/notify`, `${plain.baseUrl}/lifecycle`), "LifecycleNotificationUrl scheme='http' is not supported.");
    expect(plain.requests).toHaveLength(0);
    expect((await create(`${secure.baseUrl}/notify`, `${secure.baseUrl}/lifecycle`)).status).toBe(201);
  });

  it('with the setting on, accepts http to localhost and 127.0.0.1 but still refuses http to any other host', async () => {
    await allowLoopbackHttp(true);
    try {
      const port = new URL(plain.baseUrl).port;
      expect((await create(`http://127.0.0.1:${port}/notify`, `http://127.0.0.1:${port}/lifecycle`)).status).toBe(201);
      expect((await create(`http://localhost:${port}/notify`)).status).toBe(201);
      refused(await create(`http://crm.example.com:${port}/notify`), "NotificationUrl scheme='http' is not supported.");
      refused(await create(`${secure.baseUrl}/notify`, 'http://10.0.0.7/lifecycle'), "LifecycleNotificationUrl scheme='http' is not supported.");
    } finally {
      await allowLoopbackHttp(false);
    }
  });

  it('moving a subscription to an http notificationUrl is refused the same way', async () => {
    const created = await create(`${secure.baseUrl}/notify`);
    expect(created.status).toBe(201);
    refused(await c.graph(`/subscriptions/${created.body.id}`, { method: 'PATCH', body: { notificationUrl: `${plain.baseUrl}/notify` } }), "NotificationUrl scheme='http' is not supported.");
  });

  it('reset() returns the setting to the start option, and a value that is not a boolean is refused', async () => {
    await allowLoopbackHttp(true);
    t.emulator.store.reset();
    // reset() goes back to the options the emulator was started with: off here.
    expect(t.emulator.store.subscriptions.getSettings().allowLoopbackHttpNotificationUrls).toBe(false);
    const bad = await t.request('/_admin/notifications/settings', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ allowLoopbackHttpNotificationUrls: 'yes' }) });
    expect(bad.status).toBe(400);
  });
});
