import { CONTOSO_TENANT_ID } from '../src/index.js';
import { DEMO_REDIRECT_URI, formBody, parseForm, pkcePair } from './support/emulator-harness.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { openConsentPage, redeemCode, signIn } from './support/auth-flow.js';

describe('admin consent', () => {
  const t = useTestEmulator({}, { resetEachTest: true });

  function adminConsentUrl(tenant = 'organizations'): string {
    const params = new URLSearchParams({
      client_id: t.emulator.demoApp.clientId,
      scope: 'https://graph.microsoft.com/Sites.Read.All',
      redirect_uri: DEMO_REDIRECT_URI,
      state: 'admin-state',
    });
    return `/${tenant}/v2.0/adminconsent?${params}`;
  }

  async function consentAs(account: string, action: 'accept' | 'cancel' = 'accept'): Promise<URL> {
    const page = await t.request(adminConsentUrl());
    expect(page.status).toBe(200);
    const form = parseForm(await page.text(), 'admin-consent-form');
    expect(form.accounts.map((a) => a.value)).not.toContain('demo.user@outlook.com');
    const response = await t.request(form.action, { method: 'POST', body: formBody({ request: form.request, account, action }) });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  }

  it('records tenant-wide consent when an administrator accepts', async () => {
    const location = await consentAs('megan.bowen@contoso.com');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      admin_consent: 'True',
      tenant: CONTOSO_TENANT_ID,
      scope: 'https://graph.microsoft.com/Sites.Read.All',
      state: 'admin-state',
    });
    const consents = (await (await t.request('/_admin/consents')).json()) as { adminConsents: Record<string, unknown>[] };
    expect(consents.adminConsents).toEqual([
      expect.objectContaining({ tenantId: CONTOSO_TENANT_ID, clientId: t.emulator.demoApp.clientId, scopes: ['Sites.Read.All'], grantedBy: 'megan.bowen@contoso.com' }),
    ]);
  });

  it('then lets users of that tenant grant the admin scope, and only them', async () => {
    await consentAs('megan.bowen@contoso.com');
    const scope = 'User.Read Sites.Read.All openid profile offline_access';
    const form = await openConsentPage(t, { tenant: 'contoso.com', scope, codeChallenge: pkcePair().challenge });
    expect(form.scopes.find((s) => s.value === 'Sites.Read.All')).toMatchObject({ checked: true, disabled: false });

    const alex = await redeemCode(t, await signIn(t, { tenant: 'contoso.com', scope, account: 'alex.wilber@contoso.com' }), {}, 'contoso.com');
    expect(alex.body.scope.split(' ')).toContain('Sites.Read.All');

    const lee = await redeemCode(t, await signIn(t, { scope, account: 'lee.gu@fabrikam.com', scopes: ['Sites.Read.All'] }));
    expect(lee.body.scope.split(' ')).not.toContain('Sites.Read.All');
  });

  it('refuses a non-administrator with AADSTS90094', async () => {
    const location = await consentAs('alex.wilber@contoso.com');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS90094: /);
    expect(location.searchParams.get('state')).toBe('admin-state');
    expect(t.emulator.store.listAdminConsents()).toEqual([]);
  });

  it('redirects access_denied when the administrator cancels', async () => {
    const location = await consentAs('megan.bowen@contoso.com', 'cancel');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('admin_consent')).toBe('True');
    expect(location.searchParams.get('error_description')).toMatch(/^AADSTS65004: /);
  });

  it('is not available on /consumers', async () => {
    const response = await t.request(adminConsentUrl('consumers'));
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});
