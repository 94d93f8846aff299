import { MicrosoftAccountNeedsReconnectException, MicrosoftTokenService, SecretKind, SecretVaultService } from '@m365/server-module';
import { connectMicrosoftAccount, startTestHost, type TestHost } from '../../test-support/index.js';

describe('Access tokens for a connected account', () => {
  let host: TestHost;
  let tokens: MicrosoftTokenService;
  let workspaceId: string;
  let connectedAccountId: string;

  const refreshGrants = () => host.emulator!.store.listIssuedTokens().filter((entry) => entry.kind === 'access_token' && entry.grantType === 'refresh_token').length;
  const graphMe = async (accessToken: string) => {
    const { fetch, Agent } = await import('undici');
    const dispatcher = new Agent({ connect: { ca: host.emulator!.caCertPem } });
    const response = await fetch(`${host.emulator!.graphBaseUrl}/me`, { headers: { authorization: `Bearer ${accessToken}` }, dispatcher });
    const body = await response.json();
    await dispatcher.close();
    return { status: response.status, body: body as { userPrincipalName?: string } };
  };

  beforeAll(async () => {
    host = await startTestHost();
    tokens = host.app.get(MicrosoftTokenService);
    const member = await host.client.signIn('megan.bowen@contoso.com', 'demo-password');
    workspaceId = member.workspaceId;
    const callback = await connectMicrosoftAccount(host.client, host.emulator!.caCertPem, { account: 'megan.bowen@contoso.com' });
    connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
  });

  afterAll(async () => {
    await host?.close();
  });

  it('answers from the sealed cache while the access token is fresh, and the token works on Graph', async () => {
    const before = refreshGrants();
    const token = await tokens.getAccessToken(workspaceId, connectedAccountId);
    expect(refreshGrants()).toBe(before);
    expect(await graphMe(token)).toEqual({ status: 200, body: expect.objectContaining({ userPrincipalName: 'megan.bowen@contoso.com' }) });
  });

  it('refreshes before expiry: a token inside the renewal window is replaced, the rotated refresh token sealed', async () => {
    const vault = host.app.get(SecretVaultService);
    const sealedBefore = await host.dataSource.query(`SELECT "sealed" FROM "microsoftSecret" WHERE "ownerId" = $1`, [connectedAccountId]);
    const cacheBefore = await vault.get(SecretKind.MSAL_TOKEN_CACHE, connectedAccountId);
    // Tokens issued from now on live 2 minutes: inside MSAL's 5-minute renewal window, so each use refreshes.
    host.emulator!.store.updateConfig({ accessTokenLifetimeSeconds: 120 });
    await tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true });
    const grantsAfterFirst = refreshGrants();
    const token = await tokens.getAccessToken(workspaceId, connectedAccountId);
    expect(refreshGrants()).toBe(grantsAfterFirst + 1);
    expect((await graphMe(token)).status).toBe(200);

    const sealedAfter = await host.dataSource.query(`SELECT "sealed" FROM "microsoftSecret" WHERE "ownerId" = $1`, [connectedAccountId]);
    expect(sealedAfter[0].sealed).not.toBe(sealedBefore[0].sealed);
    expect(await vault.get(SecretKind.MSAL_TOKEN_CACHE, connectedAccountId)).not.toBe(cacheBefore);
    const [account] = await host.dataSource.query(`SELECT "lastCredentialsRefreshedAt" FROM "connectedAccount" WHERE "id" = $1`, [connectedAccountId]);
    expect(Date.now() - new Date(account.lastCredentialsRefreshedAt).getTime()).toBeLessThan(10_000);
    host.emulator!.store.updateConfig({ accessTokenLifetimeSeconds: 3600 });
  });

  it('concurrent requests for a refused token make one refresh, and all of them get its result', async () => {
    const refused = await tokens.getAccessToken(workspaceId, connectedAccountId);
    const before = refreshGrants();
    const results = await Promise.all([
      tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true, rejectedToken: refused }),
      tokens.getAccessToken(workspaceId, connectedAccountId),
      tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true, rejectedToken: refused }),
      tokens.getAccessToken(workspaceId, connectedAccountId),
    ]);
    expect(refreshGrants()).toBe(before + 1);
    expect(new Set(results).size).toBe(1);
    expect(results[0]).not.toBe(refused);
    // A request that was refused the old token later still gets the new one, without another refresh.
    expect(await tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true, rejectedToken: refused })).toBe(results[0]);
    expect(refreshGrants()).toBe(before + 1);
    expect((await graphMe(results[0])).status).toBe(200);
  });

  it('a refresh forced while a plain read is in flight waits for it, and the refused token does not come back', async () => {
    const refused = await tokens.getAccessToken(workspaceId, connectedAccountId);
    tokens.forget(connectedAccountId);
    const [plain, refreshed] = await Promise.all([
      tokens.getAccessToken(workspaceId, connectedAccountId),
      tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true, rejectedToken: refused }),
    ]);
    expect(plain).toBe(refused);
    expect(refreshed).not.toBe(refused);
    expect(tokens.peek(connectedAccountId)).toBe(refreshed);
    expect(await tokens.getAccessToken(workspaceId, connectedAccountId)).toBe(refreshed);
  });

  it('an expired access token is refused by Graph with InvalidAuthenticationToken', async () => {
    host.emulator!.store.updateConfig({ accessTokenLifetimeSeconds: 1 });
    const token = await tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const response = await graphMe(token);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
    host.emulator!.store.updateConfig({ accessTokenLifetimeSeconds: 3600 });
  });

  it('a revoked grant (password change) marks the account for reconnection and stops further attempts', async () => {
    host.emulator!.store.revokeSessions('megan.bowen@contoso.com');
    await expect(tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true })).rejects.toBeInstanceOf(MicrosoftAccountNeedsReconnectException);

    const { data } = await host.client.graphql(`{ microsoftAccounts { id needsReconnect authFailedAt } }`);
    expect(data.microsoftAccounts[0]).toMatchObject({ id: connectedAccountId, needsReconnect: true });
    expect(data.microsoftAccounts[0].authFailedAt).toBeTruthy();

    const issuedBefore = host.emulator!.store.listIssuedTokens().length;
    await expect(tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true })).rejects.toThrow(/needs to be reconnected/);
    expect(host.emulator!.store.listIssuedTokens().length).toBe(issuedBefore);
  });

  it('reconnecting clears the failure and tokens flow again', async () => {
    await connectMicrosoftAccount(host.client, host.emulator!.caCertPem, { account: 'megan.bowen@contoso.com' });
    const { data } = await host.client.graphql(`{ microsoftAccounts { id needsReconnect authFailedAt } }`);
    expect(data.microsoftAccounts).toEqual([{ id: connectedAccountId, needsReconnect: false, authFailedAt: null }]);
    const token = await tokens.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true });
    expect((await graphMe(token)).status).toBe(200);
  });
});
