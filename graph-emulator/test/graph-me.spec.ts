import { DEMO_USERS } from '../src/index.js';
import { useTestEmulator } from './support/emulator-suite.js';
import { redeemCode, signIn } from './support/auth-flow.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /v1.0/me', () => {
  const t = useTestEmulator({}, { resetEachTest: true });

  async function accessToken(account = 'megan.bowen@contoso.com', tenant = 'common'): Promise<string> {
    const { body } = await redeemCode(t, await signIn(t, { account, tenant }), {}, tenant);
    return body.access_token as string;
  }

  const me = (token?: string, query = '') =>
    t.request(`${t.emulator.graphBaseUrl}/me${query}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'client-request-id': '6e1c9f0a-3b2d-4c5e-8f7a-9b0c1d2e3f4a' },
    });

  it('returns the signed-in user', async () => {
    const response = await me(await accessToken());
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toBeTruthy();
    const body = (await response.json()) as Record<string, unknown>;
    const megan = DEMO_USERS[0]!;
    expect(body).toMatchObject({
      '@odata.context': `${t.emulator.graphBaseUrl}/$metadata#users/$entity`,
      id: megan.id,
      displayName: 'Megan Bowen',
      givenName: 'Megan',
      surname: 'Bowen',
      mail: 'megan.bowen@contoso.com',
      userPrincipalName: 'megan.bowen@contoso.com',
    });
  });

  it('supports $select, otherMails included', async () => {
    const response = await me(await accessToken(), '?$select=id,mail,otherMails');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({
      '@odata.context': `${t.emulator.graphBaseUrl}/$metadata#users(id,mail,otherMails)/$entity`,
      id: DEMO_USERS[0]!.id,
      mail: 'megan.bowen@contoso.com',
      otherMails: ['megan@contoso.com'],
    });
  });

  it('answers 501 for a Graph user property it does not keep, and 400 for one Graph does not have', async () => {
    const token = await accessToken();
    const unkept = await me(token, '?$select=displayName,postalCode');
    expect(unkept.status).toBe(501);
    expect(((await unkept.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'NotImplemented', message: expect.stringContaining('postalCode') });
    const unknown = await me(token, '?$select=displayName,favouriteColour');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('BadRequest');
  });

  it('returns a personal account with a null mail', async () => {
    const body = (await (await me(await accessToken('demo.user@outlook.com', 'consumers'))).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ mail: null, userPrincipalName: 'demo.user@outlook.com' });
  });

  it('answers 401 InvalidAuthenticationToken without a token or with a bad one', async () => {
    for (const token of [undefined, 'not-a-jwt']) {
      const response = await me(token);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
      expect(body.error.code).toBe('InvalidAuthenticationToken');
      expect(body.error.innerError['client-request-id']).toBe('6e1c9f0a-3b2d-4c5e-8f7a-9b0c1d2e3f4a');
      expect(body.error.innerError['request-id']).toBe(response.headers.get('request-id'));
      expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    }
  });

  it('answers 401 for a token signed by someone else', async () => {
    const token = await accessToken();
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('forged').toString('base64url')}`;
    expect((await me(forged)).status).toBe(401);
  });

  it('answers 401 once the access token expired', async () => {
    // exp is in whole seconds, so a token of N seconds is good for N-1 to N of them.
    t.emulator.store.updateConfig({ accessTokenLifetimeSeconds: 3 });
    const token = await accessToken();
    expect((await me(token)).status).toBe(200);
    await sleep(3100);
    const response = await me(token);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('InvalidAuthenticationToken');
  });
});
