import { connectMicrosoftAccount, startConnect, startTestHost, type TestHost } from '../../test-support/index.js';

const ACCOUNTS_QUERY = `{
  microsoftAccounts {
    id handle handleAliases accountType tenantId scopes needsReconnect authFailedAt
    features { feature granted missingScopes }
    messageChannel { id syncStatus syncStage visibility }
    calendarChannel { id syncStatus syncStage visibility }
  }
}`;

const CONTOSO_TENANT_ID = '6f1d3a52-8c47-4e0b-9a2d-1b5c7e9f3a10';

describe('Connect Microsoft (server side, end to end over HTTP)', () => {
  let host: TestHost;
  let caCertPem: string;

  beforeAll(async () => {
    host = await startTestHost();
    caCertPem = host.emulator!.caCertPem;
    await host.client.signIn('megan.bowen@contoso.com', 'demo-password');
  });

  afterAll(async () => {
    await host?.close();
  });

  const countRows = async (table: string) => {
    const [{ count }] = await host.dataSource.query(`SELECT count(*)::int AS count FROM "${table}"`);
    return count as number;
  };

  it('refuses to start without a signed-in member', async () => {
    const anonymous = host.newClient();
    const response = await anonymous.get('/auth/microsoft-apis');
    expect(response.status).toBe(401);
    expect(response.text).toMatch(/Sign in to the CRM first/);
    const result = await anonymous.graphql(ACCOUNTS_QUERY);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('redirects to the authorize page the authority publishes, with PKCE S256, a signed state and every requested scope', async () => {
    const link = await host.client.graphql(`mutation { createMicrosoftConnectLink { url expiresAt } }`);
    const url = new URL(link.data.createMicrosoftConnectLink.url);
    expect(url.pathname).toBe('/auth/microsoft-apis');
    expect(url.searchParams.get('transientToken')).toBeTruthy();

    const start = await host.client.get(`${url.pathname}${url.search}`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    // The plugin is configured with the https authority only; MSAL takes the authorize page from its discovery document.
    expect(host.microsoft.authority).toBe(`${host.emulator!.baseUrl}/common`);
    expect(authorize.origin).toBe(host.emulator!.browserBaseUrl);
    expect(authorize.protocol).toBe('http:');
    expect(authorize.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${host.publicUrl}/auth/microsoft-apis/get-access-token`);
    expect(authorize.searchParams.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'offline_access']));
    const cookie = start.setCookies.find((line) => line.startsWith('m365_oauth_nonce='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('connects a work account with one optional scope declined, and records what was granted', async () => {
    const callback = await connectMicrosoftAccount(host.client, caCertPem, { account: 'megan.bowen@contoso.com', untick: ['Contacts.ReadWrite'] });
    expect(callback.status).toBe(302);
    const landing = new URL(callback.headers.get('location')!);
    expect(landing.pathname).toBe('/settings/accounts');
    const connectedAccountId = landing.searchParams.get('connectedAccountId');
    expect(connectedAccountId).toBeTruthy();

    const { data } = await host.client.graphql(ACCOUNTS_QUERY);
    expect(data.microsoftAccounts).toHaveLength(1);
    const [account] = data.microsoftAccounts;
    expect(account).toMatchObject({
      id: connectedAccountId,
      handle: 'megan.bowen@contoso.com',
      accountType: 'WORK_OR_SCHOOL',
      tenantId: CONTOSO_TENANT_ID,
      needsReconnect: false,
      messageChannel: { visibility: 'SHARE_EVERYTHING' },
    });
    // Created in Twenty's initial stage; the first mail and calendar syncs are enqueued at once and may already have claimed them.
    expect(['MESSAGE_LIST_FETCH_PENDING', 'MESSAGE_LIST_FETCH_ONGOING']).toContain(account.messageChannel.syncStage);
    expect(['CALENDAR_EVENT_LIST_FETCH_PENDING', 'CALENDAR_EVENT_LIST_FETCH_ONGOING']).toContain(account.calendarChannel.syncStage);
    expect(['NOT_SYNCED', 'ONGOING', 'ACTIVE']).toContain(account.calendarChannel.syncStatus);
    expect(account.scopes).toEqual(expect.arrayContaining(['Mail.ReadWrite', 'Mail.Send', 'Calendars.ReadWrite', 'User.Read']));
    expect(account.scopes).not.toContain('Contacts.ReadWrite');
    const contacts = account.features.find((grant: { feature: string }) => grant.feature === 'CONTACTS');
    expect(contacts).toEqual({ feature: 'CONTACTS', granted: false, missingScopes: ['Contacts.ReadWrite'] });
    expect(account.features.find((grant: { feature: string }) => grant.feature === 'MAIL_IMPORT').granted).toBe(true);

    const [row] = await host.dataSource.query(`SELECT "provider", "accessToken", "refreshToken", "accountOwnerId" FROM "connectedAccount" WHERE "id" = $1`, [connectedAccountId]);
    expect(row).toMatchObject({ provider: 'microsoft', accessToken: null, refreshToken: null });
    const secrets = await host.dataSource.query(`SELECT "sealed", "keyId" FROM "microsoftSecret" WHERE "ownerId" = $1`, [connectedAccountId]);
    expect(secrets).toHaveLength(1);
    expect(secrets[0].sealed).toMatch(/^v1\./);
    expect(secrets[0].sealed).not.toMatch(/RefreshToken|AccessToken|secret/);
  });

  it('reconnecting the same mailbox updates the account, never duplicates it', async () => {
    const [{ id: before }] = (await host.client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts;
    const callback = await connectMicrosoftAccount(host.client, caCertPem, { account: 'megan.bowen@contoso.com' });
    expect(new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')).toBe(before);
    expect(await countRows('connectedAccount')).toBe(1);
    expect(await countRows('messageChannel')).toBe(1);
    expect(await countRows('calendarChannel')).toBe(1);
    expect(await countRows('microsoftIdentity')).toBe(1);
    const [account] = (await host.client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts;
    expect(account.scopes).toContain('Contacts.ReadWrite');
  });

  it('consent cancelled: back to Settings → Accounts with the reason, nothing created', async () => {
    const client = host.newClient();
    await client.signIn('alex.wilber@contoso.com', 'demo-password');
    const callback = await connectMicrosoftAccount(client, caCertPem, { account: 'alex.wilber@contoso.com', action: 'cancel' });
    expect(callback.status).toBe(302);
    const landing = new URL(callback.headers.get('location')!);
    expect(landing.pathname).toBe('/settings/accounts');
    expect(landing.searchParams.get('microsoftError')).toBe('consent_cancelled');
    expect(landing.searchParams.get('microsoftErrorMessage')).toMatch(/cancelled.*AADSTS65004/);
    expect((await client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts).toEqual([]);
  });

  it('a token endpoint refusal: no account, the reason shown', async () => {
    const client = host.newClient();
    await client.signIn('alex.wilber@contoso.com', 'demo-password');
    const { callbackPath } = await startConnect(client, caCertPem, { account: 'alex.wilber@contoso.com' });
    const tampered = callbackPath.replace(/code=[^&]+/, 'code=not-a-code-that-was-issued');
    const callback = await client.get(tampered);
    const landing = new URL(callback.headers.get('location')!);
    expect(landing.searchParams.get('microsoftError')).toBe('token_exchange_failed');
    expect(landing.searchParams.get('microsoftErrorMessage')).toMatch(/invalid_grant/);
    expect((await client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts).toEqual([]);
  });

  it('a tenant where only administrators may consent: a member is told to ask an administrator, nothing created', async () => {
    const client = host.newClient();
    await client.signIn('alex.wilber@contoso.com', 'demo-password');
    host.emulator!.store.setUserConsentPolicy(CONTOSO_TENANT_ID, 'admin-only');
    try {
      const callback = await connectMicrosoftAccount(client, caCertPem, { account: 'alex.wilber@contoso.com' });
      const landing = new URL(callback.headers.get('location')!);
      expect(landing.pathname).toBe('/settings/accounts');
      expect(landing.searchParams.get('microsoftError')).toBe('admin_approval_required');
      expect(landing.searchParams.get('microsoftErrorMessage')).toMatch(/AADSTS90094/);
      expect((await client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts).toEqual([]);
    } finally {
      host.emulator!.store.setUserConsentPolicy(CONTOSO_TENANT_ID, 'allowed');
    }
  });

  it("Microsoft refusing the CRM's client secret (rotated in Entra): the administrator's problem, said so, nothing created", async () => {
    const client = host.newClient();
    await client.signIn('alex.wilber@contoso.com', 'demo-password');
    const { clientId, clientSecret } = host.emulator!.demoApp;
    host.emulator!.store.setAppSecret(clientId, 'a-secret-rotated-in-entra');
    try {
      const callback = await connectMicrosoftAccount(client, caCertPem, { account: 'alex.wilber@contoso.com' });
      const landing = new URL(callback.headers.get('location')!);
      expect(landing.searchParams.get('microsoftError')).toBe('app_credentials_refused');
      expect(landing.searchParams.get('microsoftErrorMessage')).toMatch(/invalid_client.*AADSTS7000215/);
      expect((await client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts).toEqual([]);
    } finally {
      host.emulator!.store.setAppSecret(clientId, clientSecret);
    }
  });

  describe('callback with a state that cannot be trusted → 400, nothing created', () => {
    let client: TestHost['client'];
    beforeEach(async () => {
      client = host.newClient();
      await client.signIn('alex.wilber@contoso.com', 'demo-password');
    });
    const accountsBefore = () => countRows('connectedAccount');

    it('missing state', async () => {
      const before = await accountsBefore();
      const response = await client.get('/auth/microsoft-apis/get-access-token?code=abc');
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/no state/);
      expect(await accountsBefore()).toBe(before);
    });

    it('forged state (signature does not match)', async () => {
      const { callbackPath } = await startConnect(client, caCertPem, { account: 'alex.wilber@contoso.com' });
      const url = new URL(callbackPath, 'http://x');
      const [payload] = url.searchParams.get('state')!.split('.');
      url.searchParams.set('state', `${payload}.${'A'.repeat(43)}`);
      const before = await accountsBefore();
      const response = await client.get(`${url.pathname}${url.search}`);
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/signature/);
      expect(await accountsBefore()).toBe(before);
    });

    it('replayed state (the same callback twice)', async () => {
      const { callbackPath } = await startConnect(client, caCertPem, { account: 'alex.wilber@contoso.com' });
      const nonce = client.cookie('m365_oauth_nonce');
      expect((await client.get(callbackPath)).status).toBe(302);
      const before = await accountsBefore();
      // A replaying party holding both the callback URL and the browser's nonce cookie.
      const replay = await host.newClient().get(callbackPath, { cookie: `m365_oauth_nonce=${nonce}` });
      expect(replay.status).toBe(400);
      expect(replay.text).toMatch(/already used/);
      expect(await accountsBefore()).toBe(before);
      await client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, {
        id: (await client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts[0].id,
      });
    });

    it('expired state', async () => {
      const { callbackPath } = await startConnect(client, caCertPem, { account: 'alex.wilber@contoso.com' });
      await host.dataSource.query(`UPDATE "microsoftOAuthState" SET "expiresAt" = now() - interval '1 minute' WHERE "consumedAt" IS NULL`);
      const before = await accountsBefore();
      const response = await client.get(callbackPath);
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/expired/);
      expect(await accountsBefore()).toBe(before);
    });

    it('state from another browser session (no nonce cookie)', async () => {
      const { callbackPath } = await startConnect(client, caCertPem, { account: 'alex.wilber@contoso.com' });
      const otherBrowser = host.newClient();
      await otherBrowser.signIn('alex.wilber@contoso.com', 'demo-password');
      const before = await accountsBefore();
      const response = await otherBrowser.get(callbackPath);
      expect(response.status).toBe(400);
      expect(response.text).toMatch(/another browser/);
      expect(await accountsBefore()).toBe(before);
    });
  });

  it("another member can neither see nor touch Megan's account", async () => {
    const [megans] = (await host.client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts;
    const alex = host.newClient();
    await alex.signIn('alex.wilber@contoso.com', 'demo-password');
    expect((await alex.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts).toEqual([]);
    const disconnect = await alex.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: megans.id });
    expect(disconnect.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const update = await alex.graphql(
      `mutation ($id: ID!) { updateMicrosoftMessageChannelSettings(messageChannelId: $id, input: { visibility: METADATA }) { id } }`,
      { id: megans.messageChannel.id },
    );
    expect(update.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await countRows('connectedAccount')).toBe(1);
  });

  it('a member who already owns the mailbox elsewhere in the workspace keeps it', async () => {
    const alex = host.newClient();
    await alex.signIn('alex.wilber@contoso.com', 'demo-password');
    const callback = await connectMicrosoftAccount(alex, caCertPem, { account: 'megan.bowen@contoso.com' });
    const landing = new URL(callback.headers.get('location')!);
    expect(landing.searchParams.get('microsoftError')).toBe('account_owned_by_another_member');
    expect((await alex.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts).toEqual([]);
  });

  it('saves channel settings for the owner', async () => {
    const [account] = (await host.client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts;
    const result = await host.client.graphql(
      `mutation ($id: ID!) { updateMicrosoftMessageChannelSettings(messageChannelId: $id, input: { visibility: SUBJECT, contactAutoCreationPolicy: SENT }) { visibility contactAutoCreationPolicy } }`,
      { id: account.messageChannel.id },
    );
    expect(result.data.updateMicrosoftMessageChannelSettings).toEqual({ visibility: 'SUBJECT', contactAutoCreationPolicy: 'SENT' });
    const [reloaded] = (await host.client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts;
    expect(reloaded.messageChannel.visibility).toBe('SUBJECT');
  });

  it('a personal Microsoft account is recognised as personal', async () => {
    const client = host.newClient();
    await client.signIn('alex.wilber@contoso.com', 'demo-password');
    const callback = await connectMicrosoftAccount(client, caCertPem, { account: 'demo.user@outlook.com' });
    expect(new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')).toBeTruthy();
    const [account] = (await client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts;
    expect(account).toMatchObject({ handle: 'demo.user@outlook.com', accountType: 'PERSONAL', tenantId: '9188040d-6c67-4c5b-b112-36a304b66dad' });
    await client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: account.id });
  });

  it('disconnect removes the account, its channels, its identity and its sealed tokens', async () => {
    const [account] = (await host.client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts;
    const result = await host.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: account.id });
    expect(result.data.disconnectMicrosoftAccount).toBe(true);
    expect((await host.client.graphql(ACCOUNTS_QUERY)).data.microsoftAccounts).toEqual([]);
    for (const table of ['connectedAccount', 'messageChannel', 'calendarChannel', 'microsoftIdentity', 'microsoftSecret']) {
      expect(await countRows(table)).toBe(0);
    }
  });
});
