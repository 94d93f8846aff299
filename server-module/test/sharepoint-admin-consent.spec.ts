import { connectMicrosoftAccount, passAdminConsent, startTestHost, TestHttpClient, type TestHost } from '../../test-support/index.js';
import { MicrosoftTokenService } from '@m365/server-module';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const PERSONAL = 'demo.user@outlook.com';
const CLOUD_APPLICATION_ADMINISTRATOR = '158c047a-c907-4556-b7ef-446551a6b5f7';
const ACCESS = 'filesAccess { oneDrive oneDriveReason sharePoint sharePointMessage sharePointAskFor sharePointAuthorizedBy sharePointAuthorizedAt }';

/** "Authorize SharePoint for the org": Microsoft's admin consent through the plugin's signed one-time state, against the emulator. */
describe('SharePoint for the org: admin consent for the tenant, then every user of it without a prompt', () => {
  let host: TestHost;
  let megan: TestHttpClient;
  let alex: TestHttpClient;
  let meganAccount: string;
  let alexAccount: string;

  const connect = async (client: TestHttpClient, member: string, account: string) => {
    await client.signIn(member, 'demo-password');
    const callback = await connectMicrosoftAccount(client, host.emulator!.caCertPem, { account });
    const id = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId');
    if (!id) throw new Error(`Connect failed: ${callback.headers.get('location')}`);
    return id;
  };
  const access = async (client: TestHttpClient, accountId: string) => {
    const result = await client.graphql<{ microsoftAccounts: Array<{ id: string; filesAccess: Record<string, unknown> }> }>(`{ microsoftAccounts { id ${ACCESS} } }`);
    expect(result.errors).toBeUndefined();
    return result.data!.microsoftAccounts.find((account) => account.id === accountId)!.filesAccess;
  };
  const workspaceOf = async (accountId: string): Promise<string> =>
    (await host.dataSource.query(`SELECT "workspaceId" FROM "connectedAccount" WHERE "id" = $1`, [accountId]))[0].workspaceId;
  /** The plugin's start, Microsoft's page as `account`, and the plugin's callback: where the browser lands. */
  const authorize = async (client: TestHttpClient, accountId: string, as: string, action: 'accept' | 'cancel' = 'accept') => {
    const start = await client.get(`/auth/microsoft-apis/admin-consent?connectedAccountId=${accountId}`);
    expect(start.status).toBe(302);
    const adminConsentUrl = start.headers.get('location')!;
    const callback = new URL(await passAdminConsent(adminConsentUrl, host.emulator!.caCertPem, { account: as, action }));
    const landed = await client.get(`${callback.pathname}${callback.search}`);
    expect(landed.status).toBe(302);
    return { adminConsentUrl: new URL(adminConsentUrl), callback, landed: new URL(landed.headers.get('location')!) };
  };

  beforeAll(async () => {
    host = await startTestHost();
    megan = host.newClient();
    alex = host.newClient();
    meganAccount = await connect(megan, MEGAN, MEGAN);
    alexAccount = await connect(alex, ALEX, ALEX);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('before any attempt: the administrator sees the button, a member of the same tenant "Ask your administrator" with what to ask for', async () => {
    expect(await access(megan, meganAccount)).toMatchObject({ oneDrive: true, sharePoint: 'CAN_AUTHORIZE', sharePointAuthorizedBy: null });
    expect((await access(megan, meganAccount)).sharePointMessage).toMatch(/Global Administrator/);
    const alexAccess = await access(alex, alexAccount);
    expect(alexAccess).toMatchObject({ oneDrive: true, sharePoint: 'ASK_ADMINISTRATOR', sharePointAuthorizedBy: null });
    expect(alexAccess.sharePointMessage).toMatch(/holds none of the Microsoft Entra roles/);
    expect(alexAccess.sharePointAskFor).toMatch(/Sites\.Read\.All/);
    expect(alexAccess.sharePointAskFor).toMatch(/Global Administrator, Privileged Role Administrator, Cloud Application Administrator or Application Administrator/);
    // Nobody tried: no refusal from Microsoft behind it, no consent at the emulator.
    expect(await host.dataSource.query(`SELECT 1 FROM "microsoftAdminConsentRefusal"`)).toHaveLength(0);
    expect(host.emulator!.store.listAdminConsents()).toHaveLength(0);
    const sites = await alex.graphql(`query ($a: ID!) { microsoftSharePointSites(connectedAccountId: $a, search: "sales") { id } }`, { a: alexAccount });
    expect(sites.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_GRANTED' } });
    expect(sites.errors?.[0]?.message).toMatch(/Sites\.Read\.All/);
  });

  it('a role assigned at Microsoft since shows with the next ID token; Settings renews one older than ten minutes', async () => {
    const store = host.emulator!.store;
    const tokens = host.app.get(MicrosoftTokenService);
    const workspaceId = await workspaceOf(alexAccount);
    store.setUserDirectoryRoles(ALEX, [CLOUD_APPLICATION_ADMINISTRATOR]);
    // The ID token from connect is minutes old: Settings answers from it, without a token request.
    const issued = store.listIssuedTokens().length;
    expect(await access(alex, alexAccount)).toMatchObject({ sharePoint: 'ASK_ADMINISTRATOR' });
    expect(store.listIssuedTokens()).toHaveLength(issued);
    // An ID token past the age limit is renewed first (what Settings does after ten minutes).
    const claims = await tokens.idTokenClaims(workspaceId, alexAccount, 0);
    expect(claims?.wids).toContain(CLOUD_APPLICATION_ADMINISTRATOR);
    expect(store.listIssuedTokens().length).toBeGreaterThan(issued);
    const promoted = await access(alex, alexAccount);
    expect(promoted).toMatchObject({ sharePoint: 'CAN_AUTHORIZE' });
    expect(promoted.sharePointMessage).toMatch(/Cloud Application Administrator/);
    store.setUserDirectoryRoles(ALEX, []);
    await tokens.idTokenClaims(workspaceId, alexAccount, 0);
    expect(await access(alex, alexAccount)).toMatchObject({ sharePoint: 'ASK_ADMINISTRATOR' });
  });

  it('without roles in the ID token (registration not asking for them) the button shows, and Microsoft\'s AADSTS90094 turns it into "Ask your administrator"', async () => {
    const store = host.emulator!.store;
    store.setAppGroupMembershipClaims(host.emulator!.demoApp.clientId, 'None');
    try {
      await host.app.get(MicrosoftTokenService).idTokenClaims(await workspaceOf(alexAccount), alexAccount, 0);
      expect(await access(alex, alexAccount)).toMatchObject({ sharePoint: 'CAN_AUTHORIZE' });
      const { adminConsentUrl, landed } = await authorize(alex, alexAccount, ALEX);
      const tenantId = (await host.dataSource.query(`SELECT "tenantId" FROM "microsoftIdentity" WHERE "connectedAccountId" = $1`, [alexAccount]))[0].tenantId;
      expect(adminConsentUrl.pathname).toBe(`/${tenantId}/v2.0/adminconsent`);
      expect(adminConsentUrl.searchParams.get('scope')).toBe('https://graph.microsoft.com/Sites.Read.All');
      expect(landed.searchParams.get('microsoftError')).toBe('admin_approval_required');
      const refused = await access(alex, alexAccount);
      expect(refused).toMatchObject({ sharePoint: 'ASK_ADMINISTRATOR' });
      expect(refused.sharePointMessage).toMatch(/AADSTS90094/);
      expect(store.listAdminConsents()).toHaveLength(0);
    } finally {
      store.setAppGroupMembershipClaims(host.emulator!.demoApp.clientId, 'DirectoryRole');
    }
  });

  it('refuses a tampered, replayed or foreign state without recording any consent', async () => {
    const start = await megan.get(`/auth/microsoft-apis/admin-consent?connectedAccountId=${meganAccount}`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const [payload, signature] = state.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), a: alexAccount })).toString('base64url')}.${signature}`;
    const tenant = new URL(start.headers.get('location')!).pathname.split('/')[1];
    const answer = (value: string) => megan.get(`/auth/microsoft-apis/get-access-token?admin_consent=True&tenant=${tenant}&scope=${encodeURIComponent('https://graph.microsoft.com/Sites.Read.All')}&state=${encodeURIComponent(value)}`);
    expect((await answer(forged)).status).toBe(400);
    // Another browser (no nonce cookie) cannot use Megan's state either.
    const other = host.newClient();
    await other.signIn(MEGAN, 'demo-password');
    expect((await other.get(`/auth/microsoft-apis/get-access-token?admin_consent=True&tenant=${tenant}&state=${encodeURIComponent(state)}`)).status).toBe(400);
    expect(await host.dataSource.query(`SELECT 1 FROM "microsoftTenantAdminConsent"`)).toHaveLength(0);
    // Someone else's account id answers as if it did not exist.
    expect((await megan.get(`/auth/microsoft-apis/admin-consent?connectedAccountId=${alexAccount}`)).status).toBe(404);
  });

  it('the administrator authorizes it; Settings says who and when; a second user of the tenant gets SharePoint without a prompt', async () => {
    const before = Date.now();
    const { callback, landed } = await authorize(megan, meganAccount, MEGAN);
    expect(callback.searchParams.get('admin_consent')).toBe('True');
    expect(landed.searchParams.get('sharePointAuthorized')).toBe('true');
    // The same answer again is a replay: refused.
    expect((await megan.get(`${callback.pathname}${callback.search}`)).status).toBe(400);
    expect(host.emulator!.store.listAdminConsents()).toEqual([expect.objectContaining({ scopes: expect.arrayContaining(['Sites.Read.All']) })]);
    const mine = await access(megan, meganAccount);
    expect(mine).toMatchObject({ sharePoint: 'AVAILABLE', sharePointAuthorizedBy: MEGAN });
    expect(new Date(mine.sharePointAuthorizedAt as string).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const [account] = await host.dataSource.query(`SELECT "scopes" FROM "connectedAccount" WHERE "id" = $1`, [meganAccount]);
    expect(account.scopes).toContain('Sites.Read.All');

    // Alex: no consent screen, no click; the next token carries Sites.Read.All.
    const tokensBefore = host.emulator!.store.listUserConsents().length;
    expect(await access(alex, alexAccount)).toMatchObject({ sharePoint: 'AVAILABLE', sharePointAuthorizedBy: MEGAN });
    expect(host.emulator!.store.listUserConsents()).toHaveLength(tokensBefore);
    const [alexRow] = await host.dataSource.query(`SELECT "scopes" FROM "connectedAccount" WHERE "id" = $1`, [alexAccount]);
    expect(alexRow.scopes).toContain('Sites.Read.All');
  });

  it('the picker then browses sites and their document libraries, and a SharePoint file attaches to a company', async () => {
    const store = host.emulator!.store;
    const alexUser = store.findUser(ALEX)!;
    const site = store.files.addSite(alexUser.tenantId, { name: 'sales', displayName: 'Sales team', libraries: ['Contracts'] });
    const library = store.files.getDrive(site.driveIds[1]!)!;
    const { item } = store.files.putFile(library.id, library.rootId, 'Master agreement.pdf', Buffer.from('%PDF agreement'), 'fail', { id: alexUser.id, displayName: alexUser.displayName, email: ALEX }, 'application/pdf');
    const sites = await alex.graphql<{ microsoftSharePointSites: Array<{ id: string; name: string }> }>(`query ($a: ID!) { microsoftSharePointSites(connectedAccountId: $a, search: "sales") { id name webUrl } }`, { a: alexAccount });
    expect(sites.errors).toBeUndefined();
    expect(sites.data!.microsoftSharePointSites).toEqual([expect.objectContaining({ id: site.id, name: 'Sales team' })]);
    const libraries = await alex.graphql<{ microsoftSharePointLibraries: Array<{ driveId: string; name: string }> }>(`query ($a: ID!, $s: String!) { microsoftSharePointLibraries(connectedAccountId: $a, siteId: $s) { driveId name } }`, { a: alexAccount, s: site.id });
    expect(libraries.data!.microsoftSharePointLibraries.map((each) => each.name)).toEqual(expect.arrayContaining(['Documents', 'Contracts']));
    const inside = await alex.graphql<{ microsoftDriveChildren: { items: Array<{ itemId: string; driveType: string }> } }>(`query ($a: ID!, $d: String) { microsoftDriveChildren(connectedAccountId: $a, driveId: $d) { items { itemId name driveType } } }`, { a: alexAccount, d: library.id });
    expect(inside.errors).toBeUndefined();
    expect(inside.data!.microsoftDriveChildren.items).toEqual([expect.objectContaining({ itemId: item.id, driveType: 'documentLibrary' })]);

    const workspaceId = (await host.dataSource.query(`SELECT "workspaceId" FROM "connectedAccount" WHERE "id" = $1`, [alexAccount]))[0].workspaceId;
    const [{ id: companyId }] = await host.dataSource.query(`SELECT "id" FROM "company" WHERE "workspaceId" = $1 AND "deletedAt" IS NULL LIMIT 1`, [workspaceId]);
    const attached = await alex.graphql<{ attachMicrosoftFile: { source: string; name: string } }>(
      `mutation ($a: ID!, $r: ID!, $d: String!, $i: String!) { attachMicrosoftFile(connectedAccountId: $a, objectName: COMPANY, recordId: $r, driveId: $d, itemId: $i) { name source webUrl state } }`,
      { a: alexAccount, r: companyId, d: library.id, i: item.id },
    );
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.attachMicrosoftFile).toMatchObject({ name: 'Master agreement.pdf', source: 'SHAREPOINT', state: 'AVAILABLE' });
    // SharePoint is read-only here: no folders or uploads into a library.
    const folder = await alex.graphql(`mutation ($a: ID!, $d: String) { createMicrosoftDriveFolder(connectedAccountId: $a, name: "New", parentDriveId: $d) { name } }`, { a: alexAccount, d: library.id });
    expect(folder.errors?.[0]?.message).toMatch(/read-only/);
  });

  it('a personal account sees no SharePoint and cannot start admin consent', async () => {
    const personal = await connect(megan, MEGAN, PERSONAL);
    expect(await access(megan, personal)).toMatchObject({ oneDrive: true, sharePoint: 'NOT_AVAILABLE', sharePointAskFor: null });
    // Its OneDrive (a personal drive) is there all the same.
    const store = host.emulator!.store;
    const user = store.findUser(PERSONAL)!;
    const drive = store.files.userDrive(user.id);
    store.files.putFile(drive.id, drive.rootId, 'Holiday plans.txt', Buffer.from('plans'), 'fail', { id: user.id, displayName: user.displayName });
    const top = await megan.graphql<{ microsoftDriveChildren: { items: Array<{ name: string; driveType: string }> } }>(`query ($a: ID!) { microsoftDriveChildren(connectedAccountId: $a) { items { name driveType } } }`, { a: personal });
    expect(top.errors).toBeUndefined();
    expect(top.data!.microsoftDriveChildren.items).toContainEqual({ name: 'Holiday plans.txt', driveType: 'personal' });
    const sites = await megan.graphql(`query ($a: ID!) { microsoftSharePointSites(connectedAccountId: $a, search: "sales") { id } }`, { a: personal });
    expect(sites.errors?.[0]).toMatchObject({ extensions: { code: 'PERSONAL_ACCOUNT' } });
    const start = await megan.get(`/auth/microsoft-apis/admin-consent?connectedAccountId=${personal}`);
    expect(start.status).toBe(400);
    expect(start.text).toMatch(/Personal Microsoft accounts/);
  });
});
