import { SecretKind, SecretVaultService } from '@m365/server-module';
import {
  CapturedLogger,
  activeSubscription,
  channelMessageIds,
  eventually,
  startConnect,
  startTestHost,
  waitForMailSync,
  type TestHost,
} from '../../test-support/index.js';

const USER = 'megan.bowen@contoso.com';
const IMPORTED_BODY = 'Quarterly figures for Fabrikam: margin 17.4 percent, do not forward';
const PUSHED_BODY = 'The board meets on Thursday; the password to the data room is tangerine-42';

const LEE = 'lee.gu@fabrikam.com';
const ATTACHMENT_BYTES = 4 * 1024 * 1024 + 7;

/**
 * A full connect, import, push, compose (a draft with an attachment large enough for an upload session, sent) and
 * disconnect with every Nest level on (debug and verbose included) and the console watched;
 * then no line may hold a credential the run handled or the text of a mail it moved. The emulator keeps no access
 * token and only hashes of refresh tokens (its `GET /_admin/tokens` lists what was issued, never the values), so the
 * tokens are read where the plugin keeps them: the sealed MSAL cache in its vault.
 */
describe('No secret or message body in any log line of a full run', () => {
  const logger = new CapturedLogger();
  const consoleLines: string[] = [];
  const originalConsole = { ...console };
  let host: TestHost;
  let authorizationCode: string;
  let oauthState: string;
  let connectedAccountId: string;
  let messageChannelId: string;
  let accessTokens: string[];
  let refreshTokens: string[];
  let clientStates: string[];
  /** The upload sessions' pre-authenticated URLs, and the secret each carries. */
  const uploadUrls: string[] = [];

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      console[method] = (...args: unknown[]) => void consoleLines.push(args.map((arg) => (arg instanceof Error ? `${arg.stack} ${JSON.stringify({ ...arg })}` : String(arg))).join(' '));
    }
    host = await startTestHost({ logger });
    host.emulator!.store.mail.deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: 'Figures', body: IMPORTED_BODY, bodyContentType: 'text' });

    await host.client.signIn(USER, 'demo-password');
    const { callbackPath } = await startConnect(host.client, host.emulator!.caCertPem, { account: USER });
    authorizationCode = new URL(callbackPath, host.url).searchParams.get('code')!;
    oauthState = new URL(callbackPath, host.url).searchParams.get('state')!;
    const callback = await host.client.get(callbackPath);
    connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    [{ id: messageChannelId }] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
    await waitForMailSync(host.dataSource, messageChannelId);
    await eventually(async () => (await activeSubscription(host.dataSource, messageChannelId)) !== null, 15_000, 'an active subscription');

    const pushed = host.emulator!.store.mail.deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: 'Board', body: PUSHED_BODY, bodyContentType: 'text' });
    await eventually(async () => (await channelMessageIds(host.dataSource, messageChannelId)).includes(pushed.message.internetMessageId as string), 5_000, 'the pushed message');
    // An unknown account and a replayed callback: the user-error paths log too.
    await host.client.graphql(`mutation { disconnectMicrosoftAccount(connectedAccountId: "00000000-0000-4000-8000-000000000000") }`);
    await host.client.get(callbackPath);

    // Compose: a draft with an attachment that goes through an upload session, then sent.
    const outbound = host.emulator!.store.outbound;
    const saveUploadSession = outbound.saveUploadSession.bind(outbound);
    outbound.saveUploadSession = (session) => {
      uploadUrls.push(session.token, `AttachmentSessions('${session.id}')`);
      saveUploadSession(session);
    };
    const draft = await host.client.graphql(`mutation ($a: ID!) { createMicrosoftDraft(connectedAccountId: $a, input: { subject: "Deck", bodyHtml: "<p>Attached.</p>", to: [{ address: "${LEE}" }] }) { id } }`, { a: connectedAccountId });
    const draftId = draft.data.createMicrosoftDraft.id;
    const upload = await host.client.request('PUT', `/microsoft/compose/drafts/${draftId}/attachments?name=deck.pdf&size=${ATTACHMENT_BYTES}`, { body: 'd'.repeat(ATTACHMENT_BYTES), headers: { 'content-type': 'application/octet-stream' } });
    expect(upload.status).toBe(201);
    await host.client.graphql(`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { status } }`, { id: draftId });
    await eventually(async () => (await host.dataSource.query(`SELECT "status" FROM "microsoftOutgoingMessage" WHERE "id" = $1`, [draftId]))[0]?.status === 'SENT', 30_000, 'the draft sent');

    // What the run handled, read before disconnect removes it.
    const cache = JSON.parse((await host.app.get(SecretVaultService).get(SecretKind.MSAL_TOKEN_CACHE, connectedAccountId))!);
    accessTokens = Object.values<{ secret: string }>(cache.AccessToken).map((entry) => entry.secret);
    refreshTokens = Object.values<{ secret: string }>(cache.RefreshToken).map((entry) => entry.secret);
    // Every subscription's: the mailbox's, the calendar's and the contacts'.
    clientStates = host.emulator!.store.subscriptions.list().map((subscription) => subscription.clientState!);

    const disconnect = await host.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: connectedAccountId });
    expect(disconnect.errors).toBeUndefined();
    await eventually(async () => (await host.dataSource.query(`SELECT 1 FROM "connectedAccount" WHERE "id" = $1`, [connectedAccountId])).length === 0, 60_000, 'the disconnect purge');
  }, 180_000);

  afterAll(async () => {
    await host?.close();
    Object.assign(console, originalConsole);
  });

  it('logged the run at every level, so the scan has something to read', () => {
    const levels = new Set(logger.lines.map((line) => line.level));
    expect(logger.lines.length).toBeGreaterThan(10);
    expect(levels.has('log')).toBe(true);
    expect(levels.has('warn')).toBe(true);
  });

  it('no line holds a token, the authorization code, the client secret, the clientState, an upload URL or a message body', async () => {
    expect(clientStates.length).toBeGreaterThanOrEqual(3);
    const secrets: Record<string, string[]> = {
      'access token': accessTokens,
      'refresh token': refreshTokens,
      'authorization code': [authorizationCode],
      'signed OAuth state': [oauthState],
      'client secret': [host.microsoft.clientSecret],
      clientState: clientStates,
      'upload-session URL': uploadUrls,
      'imported message body': [IMPORTED_BODY],
      'pushed message body': [PUSHED_BODY],
    };
    for (const [what, values] of Object.entries(secrets)) {
      expect({ what, usable: values.length > 0 && values.every((value) => typeof value === 'string' && value.length >= 8) }).toEqual({ what, usable: true });
    }

    const lines = [...logger.lines.map((line) => `${line.level}: ${line.text}`), ...consoleLines.map((line) => `console: ${line}`)];
    const leaks = lines.flatMap((line) => Object.entries(secrets).filter(([, values]) => values.some((value) => line.includes(value))).map(([what]) => `${what} in «${line.slice(0, 200)}»`));
    expect(leaks).toEqual([]);
  });
});
