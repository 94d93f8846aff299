import { Agent, fetch } from 'undici';
import { CalendarSyncService, MailSyncService, MicrosoftTokenService } from '@m365/server-module';
import { connectMicrosoftAccount, eventually, parseConsentPage, passConsent, startTestHost, waitForMailSync, type TestHost } from '../../test-support/index.js';
import { OAuthStateService } from '../src/auth/oauth-state.service.js';
import { OAuthStateErrorCode } from '../src/auth/oauth-state.exception.js';
import { OutgoingStatus } from '../src/compose/compose.constants.js';
import { OutgoingMessageRepository } from '../src/compose/outgoing-message.repository.js';
import { OutgoingSendMachine } from '../src/compose/outgoing-send.machine.js';

const MEGAN = 'megan.bowen@contoso.com';

const ACCOUNTS_QUERY = `{
  microsoftAccounts {
    id scopes needsReconnect
    features { feature granted missingScopes }
    messageChannel { id syncStatus }
    calendarChannel { id syncStatus syncStage }
  }
}`;

interface AccountView {
  id: string;
  scopes: string[];
  needsReconnect: boolean;
  features: Array<{ feature: string; granted: boolean; missingScopes: string[] }>;
  messageChannel: { id: string; syncStatus: string } | null;
  calendarChannel: { id: string; syncStatus: string; syncStage: string } | null;
}

describe('Consent that follows the user: "Enable" a declined feature, a permission withdrawn at Microsoft', () => {
  let host: TestHost;
  let caCertPem: string;
  let workspaceId: string;
  let connectedAccountId: string;

  const account = async (): Promise<AccountView> => {
    const { data, errors } = await host.client.graphql<{ microsoftAccounts: AccountView[] }>(ACCOUNTS_QUERY);
    if (errors?.length) throw new Error(JSON.stringify(errors));
    return data!.microsoftAccounts.find((candidate) => candidate.id === connectedAccountId)!;
  };
  const granted = async (feature: string) => (await account()).features.find((row) => row.feature === feature)!.granted;
  const graphRequests = () => host.emulator!.store.outlookLimits.getRequestCounters().filter((counter) => counter.mailbox.toLowerCase().includes('megan')).reduce((sum, counter) => sum + counter.counted, 0);
  let dispatcher: Agent;
  const withdraw = (scope: string) =>
    fetch(`${host.emulator!.baseUrl}/_admin/consents/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: MEGAN, clientId: host.microsoft.clientId, scope }),
      dispatcher,
    });

  /** "Enable" as the front starts it: the connect link with the feature and the account, then the redirect to Microsoft. */
  const startEnable = async (feature: string, accountId = connectedAccountId) => {
    const link = await host.client.graphql<{ createMicrosoftConnectLink: { url: string } }>(`mutation { createMicrosoftConnectLink { url } }`);
    const url = new URL(link.data!.createMicrosoftConnectLink.url);
    url.searchParams.set('feature', feature);
    url.searchParams.set('connectedAccountId', accountId);
    return host.client.get(`${url.pathname}${url.search}`);
  };

  const calendarSyncFinished = async () =>
    eventually(async () => {
      const view = await account();
      const [lease] = await host.dataSource.query(`SELECT 1 FROM "microsoftSyncLease" WHERE "channelId" = $1`, [view.calendarChannel?.id ?? null]);
      return Boolean(view.calendarChannel && !lease && (view.calendarChannel.syncStatus === 'ACTIVE' || view.calendarChannel.syncStatus.startsWith('FAILED')));
    }, 60_000, 'the calendar sync finished');

  beforeAll(async () => {
    host = await startTestHost();
    caCertPem = host.emulator!.caCertPem;
    dispatcher = new Agent({ connect: { ca: caCertPem } });
    ({ workspaceId } = await host.client.signIn(MEGAN, 'demo-password'));
    const callback = await connectMicrosoftAccount(host.client, caCertPem, { account: MEGAN, untick: ['Calendars.ReadWrite', 'OnlineMeetings.ReadWrite'] });
    connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    await waitForMailSync(host.dataSource, (await account()).messageChannel!.id);
  });

  afterAll(async () => {
    await dispatcher?.close();
    await host?.close();
  });

  it('connects with Calendar declined: no calendar channel, and the gate makes no calendar call', async () => {
    const view = await account();
    expect(view.scopes).not.toContain('Calendars.ReadWrite');
    expect(await granted('CALENDAR')).toBe(false);
    expect(await granted('MAIL_IMPORT')).toBe(true);
    expect(view.calendarChannel).toBeNull();
  });

  it('"Enable" asks Microsoft for just the missing scope, with PKCE and a signed state, for the same account', async () => {
    const start = await startEnable('CALENDAR');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    const scopes = authorize.searchParams.get('scope')!.split(' ');
    expect(scopes.filter((scope) => !['openid', 'profile', 'offline_access'].includes(scope))).toEqual(['Calendars.ReadWrite']);
    expect(authorize.searchParams.get('login_hint')).toBe(MEGAN);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);

    // Microsoft's consent page offers only what is new.
    const page = parseConsentPage(await (await fetch(authorize, { dispatcher })).text(), authorize.toString());
    expect(page.scopes.filter((scope) => !scope.disabled).map((scope) => scope.value)).toEqual(['Calendars.ReadWrite']);
  });

  it('refuses "Enable" for an account that is not the member\'s, an unknown feature, or an admin-consent one', async () => {
    expect((await startEnable('CALENDAR', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await startEnable('CALENDAR', 'not-a-uuid')).status).toBe(404);
    expect((await startEnable('TELEPORT')).status).toBe(400);
    expect((await startEnable('SHAREPOINT')).status).toBe(400);
  });

  it('comes back with the union of scopes, the calendar feature on and its first sync started; the state works once', async () => {
    const start = await startEnable('CALENDAR');
    const nonce = host.client.cookie('m365_oauth_nonce')!;
    const callback = new URL(await passConsent(start.headers.get('location')!, caCertPem, { account: MEGAN }));
    const callbackPath = `${callback.pathname}${callback.search}`;
    const landing = await host.client.get(callbackPath);
    expect(landing.status).toBe(302);
    expect(new URL(landing.headers.get('location')!).searchParams.get('connectedAccountId')).toBe(connectedAccountId);

    const view = await account();
    expect(view.scopes).toEqual(expect.arrayContaining(['User.Read', 'Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite', 'Contacts.ReadWrite']));
    expect(await granted('CALENDAR')).toBe(true);
    expect(view.calendarChannel).not.toBeNull();
    await calendarSyncFinished();
    expect((await account()).calendarChannel!.syncStatus).toBe('ACTIVE');
    const runs = await host.dataSource.query(`SELECT "outcome" FROM "microsoftSyncRun" WHERE "channelId" = $1`, [view.calendarChannel!.id]);
    expect(runs.map((run: { outcome: string }) => run.outcome)).toContain('SUCCEEDED');

    // The same callback again, even from the browser that holds the nonce: refused, nothing changes.
    const replay = await host.newClient().get(callbackPath, { cookie: `m365_oauth_nonce=${nonce}` });
    expect(replay.status).toBe(400);
    expect(replay.text).toMatch(/already used/i);
  });

  it('refuses a state whose signed target was changed, and a second use of the same state', async () => {
    const states = host.app.get(OAuthStateService);
    const member = { workspaceId, workspaceMemberId: (await host.dataSource.query(`SELECT "accountOwnerId" FROM "connectedAccount" WHERE "id" = $1`, [connectedAccountId]))[0].accountOwnerId };
    const issued = await states.issue(member, 'enable-feature', null, { connectedAccountId, feature: 'CALENDAR' as never });
    const [payload, signature] = issued.state.split('.');
    const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const tampered = `${Buffer.from(JSON.stringify({ ...decoded, f: 'MAIL_SEND' })).toString('base64url')}.${signature}`;
    await expect(states.consume(tampered, issued.nonce)).rejects.toMatchObject({ code: OAuthStateErrorCode.FORGED });
    const consumed = await states.consume(issued.state, issued.nonce);
    expect(consumed.target).toEqual({ connectedAccountId, feature: 'CALENDAR' });
    await expect(states.consume(issued.state, issued.nonce)).rejects.toMatchObject({ code: OAuthStateErrorCode.REPLAYED });
  });

  it('a scope withdrawn at Microsoft turns off that feature only: the next token lacks it, calendar stops without calling Graph, mail goes on', async () => {
    const tokens = host.app.get(MicrosoftTokenService);
    const calendarSync = host.app.get(CalendarSyncService);
    const mailSync = host.app.get(MailSyncService);
    const { calendarChannel, messageChannel } = await account();

    expect((await withdraw('Calendars.ReadWrite')).status).toBe(200);
    // The access token already issued still carries the scope until it expires, as Microsoft's do.
    expect(await calendarSync.syncChannel(workspaceId, calendarChannel!.id)).toBe('synced');
    expect(await granted('CALENDAR')).toBe(true);

    // The next token is issued without it; the account's scopes follow the token's `scope`.
    await tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true });
    expect((await account()).scopes).not.toContain('Calendars.ReadWrite');
    expect(await granted('CALENDAR')).toBe(false);
    expect(await granted('MAIL_IMPORT')).toBe(true);
    expect((await account()).needsReconnect).toBe(false);

    const before = graphRequests();
    expect(await calendarSync.syncChannel(workspaceId, calendarChannel!.id)).toBe('failed');
    expect(graphRequests()).toBe(before);
    expect((await account()).calendarChannel!.syncStatus).toBe('FAILED_INSUFFICIENT_PERMISSIONS');

    expect(await mailSync.syncChannel(workspaceId, messageChannel!.id)).toBe('synced');
    expect((await account()).messageChannel!.syncStatus).toBe('ACTIVE');
    expect(graphRequests()).toBeGreaterThan(before);
  });

  it('a 403 on a token that lacks the scope, while the account still lists it, turns the feature off from the token', async () => {
    const calendarSync = host.app.get(CalendarSyncService);
    const { calendarChannel } = await account();
    // As if this process had not heard of the withdrawal: the account still lists the scope, its token does not.
    await host.dataSource.query(`UPDATE "connectedAccount" SET "scopes" = array_append("scopes", 'Calendars.ReadWrite') WHERE "id" = $1`, [connectedAccountId]);
    await host.dataSource.query(`UPDATE "calendarChannel" SET "syncStatus" = 'ACTIVE', "syncStage" = 'CALENDAR_EVENT_LIST_FETCH_PENDING' WHERE "id" = $1`, [calendarChannel!.id]);
    expect(await granted('CALENDAR')).toBe(true);

    expect(await calendarSync.syncChannel(workspaceId, calendarChannel!.id)).toBe('failed');
    expect((await account()).scopes).not.toContain('Calendars.ReadWrite');
    expect(await granted('CALENDAR')).toBe(false);
    expect(await granted('MAIL_IMPORT')).toBe(true);
    expect((await account()).calendarChannel!.syncStatus).toBe('FAILED_INSUFFICIENT_PERMISSIONS');
  });

  it('"Enable" again after the withdrawal asks for the calendar scope only and revives the calendar channel', async () => {
    const start = await startEnable('CALENDAR');
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.searchParams.get('scope')!.split(' ').filter((scope) => !['openid', 'profile', 'offline_access'].includes(scope))).toEqual(['Calendars.ReadWrite']);
    const callback = new URL(await passConsent(authorize.toString(), caCertPem, { account: MEGAN }));
    expect((await host.client.get(`${callback.pathname}${callback.search}`)).status).toBe(302);
    expect(await granted('CALENDAR')).toBe(true);
    await eventually(async () => (await account()).calendarChannel!.syncStatus === 'ACTIVE', 60_000, 'the calendar channel synced again');
    await calendarSyncFinished();
  });

  it('a send queued before Mail.Send was withdrawn stops at the gate: the draft stays in Outlook, nothing is sent', async () => {
    const created = await host.client.graphql<{ createMicrosoftDraft: { id: string } }>(
      `mutation ($a: ID!, $i: MicrosoftDraftInput!) { createMicrosoftDraft(connectedAccountId: $a, input: $i) { id } }`,
      { a: connectedAccountId, i: { subject: 'Gate check', bodyHtml: '<p>Gate check</p>', to: [{ address: 'alex.wilber@contoso.com' }] } },
    );
    expect(created.errors).toBeUndefined();
    const repository = host.app.get(OutgoingMessageRepository);
    const id = created.data!.createMicrosoftDraft.id;
    await eventually(async () => (await repository.findById(id))!.graphDraftId !== null, 20_000, 'the draft saved to Outlook');
    // As the token service records it when the next token comes without Mail.Send.
    await host.dataSource.query(`UPDATE "connectedAccount" SET "scopes" = array_remove("scopes", 'Mail.Send') WHERE "id" = $1`, [connectedAccountId]);
    await repository.update(id, { status: OutgoingStatus.QUEUED });
    const sentBefore = host.emulator!.store.mail.listMessages(MEGAN, 'sentitems').length;

    await host.app.get(OutgoingSendMachine).advance(workspaceId, id);
    const record = (await repository.findById(id))!;
    expect(record.status).toBe(OutgoingStatus.FAILED);
    expect(record.lastErrorCode).toBe('SEND_NOT_GRANTED');
    expect(record.sendAttemptedAt).toBeNull();
    expect(host.emulator!.store.mail.listMessages(MEGAN, 'sentitems')).toHaveLength(sentBefore);
    expect(host.emulator!.store.mail.listMessages(MEGAN, 'drafts').some((message) => message.subject === 'Gate check')).toBe(true);
  });

  it('a refresh refused for a listed scope the grant lacks (AADSTS65001) falls back to the whole grant instead of needing a reconnect', async () => {
    const tokens = host.app.get(MicrosoftTokenService);
    await host.dataSource.query(`UPDATE "connectedAccount" SET "scopes" = array_append("scopes", 'OnlineMeetings.ReadWrite') WHERE "id" = $1`, [connectedAccountId]);
    await expect(tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true })).resolves.toEqual(expect.any(String));
    const view = await account();
    expect(view.needsReconnect).toBe(false);
    expect(view.scopes).not.toContain('OnlineMeetings.ReadWrite');
    expect(view.scopes).toEqual(expect.arrayContaining(['Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite']));
    expect(await granted('MAIL_IMPORT')).toBe(true);
    expect(await granted('TEAMS_MEETINGS')).toBe(false);
  });
});
