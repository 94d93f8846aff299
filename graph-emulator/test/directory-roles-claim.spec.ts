import { decodeJwtPayload, formBody, parseForm } from './support/emulator-harness.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { redeemCode, refresh, signIn } from './support/auth-flow.js';

const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
const CLOUD_APPLICATION_ADMINISTRATOR = '158c047a-c907-4556-b7ef-446551a6b5f7';
const USER_ROLE = 'b79fbf4d-3ef9-4689-8143-76b194e85509';
const SCOPES = 'https://graph.microsoft.com/User.Read openid profile offline_access';

/**
 * The `wids` claim: the user's tenant-wide roles as role template ids, when the app registration's
 * `groupMembershipClaims` is DirectoryRole or All
 * (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference, `wids`;
 * https://learn.microsoft.com/entra/identity-platform/optional-claims for the ID token's groups configuration).
 */
describe('directory roles in the ID token (wids)', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  const admin = (path: string, body: unknown) =>
    t.request(`/_admin${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const idToken = async (account: string) => {
    const { status, body } = await redeemCode(t, await signIn(t, { account, scope: SCOPES }));
    expect(status).toBe(200);
    return { claims: decodeJwtPayload(body.id_token as string), access: decodeJwtPayload(body.access_token as string), refreshToken: body.refresh_token as string };
  };

  it("lists a Global Administrator's role and the implicit User role; a member without roles gets only the User role", async () => {
    expect((await idToken('megan.bowen@contoso.com')).claims.wids).toEqual([GLOBAL_ADMINISTRATOR, USER_ROLE]);
    expect((await idToken('alex.wilber@contoso.com')).claims.wids).toEqual([USER_ROLE]);
  });

  it('is renewed with every refresh: a role assigned since shows in the next ID token', async () => {
    const { refreshToken } = await idToken('alex.wilber@contoso.com');
    expect((await admin('/users/alex.wilber@contoso.com/directory-roles', { roleTemplateIds: [CLOUD_APPLICATION_ADMINISTRATOR] })).status).toBe(200);
    const renewed = await refresh(t, refreshToken, { scope: SCOPES });
    expect(renewed.status).toBe(200);
    expect(decodeJwtPayload(renewed.body.id_token as string).wids).toEqual([CLOUD_APPLICATION_ADMINISTRATOR, USER_ROLE]);
  });

  it('is absent when the registration does not ask for directory roles, and for personal accounts', async () => {
    expect((await admin(`/apps/${t.emulator.demoApp.clientId}/group-membership-claims`, { groupMembershipClaims: 'None' })).status).toBe(200);
    expect((await idToken('megan.bowen@contoso.com')).claims).not.toHaveProperty('wids');
    expect((await admin(`/apps/${t.emulator.demoApp.clientId}/group-membership-claims`, { groupMembershipClaims: 'All' })).status).toBe(200);
    expect((await idToken('megan.bowen@contoso.com')).claims.wids).toEqual([GLOBAL_ADMINISTRATOR, USER_ROLE]);
    expect((await idToken('demo.user@outlook.com')).claims).not.toHaveProperty('wids');
  });

  it('refuses values Entra does not know, with a clear message', async () => {
    const bad = await admin(`/apps/${t.emulator.demoApp.clientId}/group-membership-claims`, { groupMembershipClaims: 'Roles' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/None, SecurityGroup, DirectoryRole, ApplicationGroup, All/);
    const notGuid = await admin('/users/alex.wilber@contoso.com/directory-roles', { roleTemplateIds: ['Global Administrator'] });
    expect(notGuid.status).toBe(400);
    expect((await admin('/users/demo.user@outlook.com/directory-roles', { roleTemplateIds: [GLOBAL_ADMINISTRATOR] })).status).toBe(400);
  });

  it('a Cloud Application Administrator may grant tenant-wide admin consent; a plain member gets AADSTS90094', async () => {
    const consentAs = async (account: string) => {
      const params = new URLSearchParams({ client_id: t.emulator.demoApp.clientId, scope: 'https://graph.microsoft.com/Sites.Read.All', redirect_uri: 'http://localhost:3000/auth/microsoft-apis/get-access-token', state: 's' });
      const page = await t.request(`/organizations/v2.0/adminconsent?${params}`);
      const form = parseForm(await page.text(), 'admin-consent-form');
      const answer = await t.request(form.action, { method: 'POST', body: formBody({ request: form.request, account, action: 'accept' }) });
      return new URL(answer.headers.get('location')!);
    };
    expect((await consentAs('alex.wilber@contoso.com')).searchParams.get('error_description')).toMatch(/AADSTS90094/);
    await admin('/users/alex.wilber@contoso.com/directory-roles', { roleTemplateIds: [CLOUD_APPLICATION_ADMINISTRATOR] });
    expect((await consentAs('alex.wilber@contoso.com')).searchParams.get('admin_consent')).toBe('True');
  });
});
