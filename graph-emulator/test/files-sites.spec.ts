import { CONTOSO_TENANT_ID } from '../src/index.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { redeemCode, signIn } from './support/auth-flow.js';
import { ALEX, filesClient, PERSONAL } from './support/files-client.js';
import { mailClient, type Json } from './support/mail-client.js';
import { scopeOf } from './support/pim-client.js';

const SITES_SCOPE = scopeOf('Files.ReadWrite', 'Sites.Read.All');

describe('SharePoint: sites and their document libraries, behind Sites.Read.All and the tenant consent policy', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  const admin = async (path: string, method = 'GET', body?: unknown) => {
    const response = await t.request(`/_admin${path}`, { method, ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
    return { status: response.status, body: (response.status === 204 ? {} : await response.json()) as Json };
  };
  const grantedScopes = async (account: string) => {
    const { body } = await redeemCode(t, await signIn(t, { account, scope: SITES_SCOPE, scopes: ['Files.ReadWrite', 'Sites.Read.All'] }));
    return String(body.scope).split(' ');
  };
  const consentForTenant = () => admin('/consents', 'POST', { tenant: CONTOSO_TENANT_ID, clientId: t.emulator.demoApp.clientId, scopes: ['Sites.Read.All'] });

  let site: Json;
  beforeEach(async () => {
    site = (await admin('/tenants/contoso.com/sites', 'POST', { name: 'Sales', displayName: 'Sales team', description: 'Proposals and contracts', libraries: ['Templates'] })).body;
    const library = site.driveIds[0];
    await admin(`/drives/${encodeURIComponent(library)}/items`, 'POST', { path: '/Customer contracts/Fabrikam contract.pdf', text: 'contract', by: MEGAN });
  });

  it('keeps Sites.Read.All for administrators in the demo tenant: no user gets it until an administrator consents for the tenant', async () => {
    expect(await grantedScopes(ALEX)).not.toContain('Sites.Read.All');
    expect(await grantedScopes(MEGAN)).not.toContain('Sites.Read.All');
    expect((await consentForTenant()).status).toBe(201);
    expect(await grantedScopes(ALEX)).toContain('Sites.Read.All');
  });

  it('lets users consent themselves once the tenant policy no longer keeps it for administrators', async () => {
    const policy = await admin('/tenants/contoso.com/admin-only-permissions', 'PUT', { permissions: [] });
    expect(policy.body.adminOnlyPermissions).toEqual([]);
    expect(await grantedScopes(ALEX)).toContain('Sites.Read.All');
    expect((await admin('/tenants/contoso.com/admin-only-permissions', 'PUT', { permissions: ['Not.A.Permission'] })).status).toBe(400);
  });

  it('searches sites, reads one by id and by path, lists its libraries as documentLibrary drives, browses them', async () => {
    await consentForTenant();
    const c = await filesClient(t, ALEX, SITES_SCOPE);
    const found = await c.graph('/sites?search=sales');
    expect(found.status).toBe(200);
    expect(found.body.value).toEqual([expect.objectContaining({ id: site.id, name: 'Sales', displayName: 'Sales team', webUrl: expect.stringMatching(/\/sharepoint\/sites\/Sales$/) })]);
    expect(site.id).toMatch(/^contoso\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect((await c.graph('/sites?search=nothing-like-it')).body.value).toEqual([]);
    expect((await c.graph(`/sites/${site.id}`)).body.displayName).toBe('Sales team');
    expect((await c.graph('/sites/contoso.sharepoint.com:/sites/Sales')).body.id).toBe(site.id);
    const drives = await c.graph(`/sites/${site.id}/drives`);
    expect(drives.body.value.map((drive: Json) => [drive.name, drive.driveType])).toEqual([['Documents', 'documentLibrary'], ['Templates', 'documentLibrary']]);
    const library = await c.graph(`/sites/${site.id}/drive`);
    expect(library.body.id).toBe(site.driveIds[0]);
    const children = await c.graph(`/sites/${site.id}/drive/root/children`);
    expect(children.body.value.map((item: Json) => item.name)).toEqual(['Customer contracts']);
    const file = await c.graph(`/drives/${encodeURIComponent(library.body.id)}/root:/Customer contracts/Fabrikam contract.pdf`);
    expect(file.body).toMatchObject({ name: 'Fabrikam contract.pdf', parentReference: { driveType: 'documentLibrary', siteId: site.id }, createdBy: { user: { email: MEGAN } } });
    expect(file.body.webUrl).toMatch(/\/sharepoint\/sites\/Sales\/Shared%20Documents\/Customer%20contracts\/Fabrikam%20contract\.pdf$/);
    expect((await c.graph(`/sites/contoso.sharepoint.com:/sites/Sales:/drive/root:/Customer contracts:/children`)).body.value).toHaveLength(1);
    expect((await c.graph(`/drives/${encodeURIComponent(library.body.id)}/root/search(q='fabrikam')`)).body.value).toHaveLength(1);
    // Sites.Read.All reads; writing into a library needs Files.ReadWrite.All or Sites.ReadWrite.All.
    const write = await c.graph(`/drives/${encodeURIComponent(library.body.id)}/root/children`, { method: 'POST', body: { name: 'New', folder: {} } });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('accessDenied');
  });

  it('refuses sites without Sites.Read.All, to personal accounts, and across tenants', async () => {
    const plain = await filesClient(t, ALEX);
    const search = await plain.graph('/sites?search=sales');
    expect(search.status).toBe(403);
    expect(search.body.error.code).toBe('accessDenied');
    // Files.ReadWrite reaches the user's own files only: a library by id is refused.
    expect((await plain.graph(`/drives/${encodeURIComponent(site.driveIds[0])}/root/children`)).status).toBe(403);
    const personal = await filesClient(t, PERSONAL, SITES_SCOPE);
    expect((await personal.graph('/sites?search=sales')).status).toBe(403);
    await admin('/tenants/fabrikam.com/admin-only-permissions', 'PUT', { permissions: [] });
    // Signed in through Fabrikam's own authority: the consent page then follows Fabrikam's policy alone.
    const { body } = await redeemCode(t, await signIn(t, { tenant: 'fabrikam.com', account: 'lee.gu@fabrikam.com', scope: SITES_SCOPE }), {}, 'fabrikam.com');
    const lee = mailClient(t, body.access_token as string);
    const leeSearch = await lee.graph('/sites?search=sales');
    expect([leeSearch.status, leeSearch.body]).toEqual([200, expect.objectContaining({ value: [] })]);
    expect((await lee.graph(`/sites/${site.id}`)).status).toBe(404);
    expect((await lee.graph(`/drives/${encodeURIComponent(site.driveIds[0])}`)).status).toBe(404);
  });
});
