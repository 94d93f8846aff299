import { useTestEmulator } from './support/emulator-suite.js';
import { openConsentPage, redeemCode, refresh, signIn } from './support/auth-flow.js';
import { decodeJwtPayload, pkcePair } from './support/emulator-harness.js';

const MEGAN = 'megan.bowen@contoso.com';
const GRAPH = 'https://graph.microsoft.com/';
const scopeParameter = (...scopes: string[]) => [...scopes.map((scope) => `${GRAPH}${scope}`), 'openid', 'profile', 'offline_access'].join(' ');

describe('incremental consent and a permission withdrawn by the user', () => {
  const t = useTestEmulator({}, { resetEachTest: true });

  async function firstGrant(untick: string[] = []) {
    const signedIn = await signIn(t, { account: MEGAN, scope: scopeParameter('User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite'), dropScopes: untick });
    return (await redeemCode(t, signedIn)).body;
  }

  const consented = () => t.emulator.store.userConsentedScopes(t.emulator.store.findUser(MEGAN)!.id, t.emulator.demoApp.clientId);

  it('asks only for the permissions not granted yet, and the new token covers the whole grant', async () => {
    await firstGrant(['Calendars.ReadWrite']);
    expect(consented()).not.toContain('Calendars.ReadWrite');

    const page = await openConsentPage(t, { scope: scopeParameter('Calendars.ReadWrite'), loginHint: MEGAN, codeChallenge: pkcePair().challenge });
    const optional = page.scopes.filter((scope) => !scope.disabled).map((scope) => scope.value);
    expect(optional).toEqual(['Calendars.ReadWrite']);

    // A request for what is already granted only shows the required scopes.
    const repeat = await openConsentPage(t, { scope: scopeParameter('Mail.ReadWrite'), loginHint: MEGAN, codeChallenge: pkcePair().challenge });
    expect(repeat.scopes.filter((scope) => !scope.disabled)).toEqual([]);

    const added = await signIn(t, { account: MEGAN, loginHint: MEGAN, scope: scopeParameter('Calendars.ReadWrite'), keepGrant: true });
    const token = await redeemCode(t, added, { scope: scopeParameter('Calendars.ReadWrite') });
    expect(token.status).toBe(200);
    const granted = (token.body.scope as string).split(' ');
    expect(granted).toEqual(expect.arrayContaining(['User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite', 'offline_access']));
    expect(String(decodeJwtPayload(token.body.access_token).scp).split(' ')).toEqual(expect.arrayContaining(['Mail.ReadWrite', 'Calendars.ReadWrite']));
    expect(consented()).toEqual(expect.arrayContaining(['User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite']));
  });

  it('withdraws one permission: the old access token keeps it, the next refresh leaves it out and Graph refuses the call', async () => {
    const tokens = await firstGrant();
    const withdraw = await t.request('/_admin/consents/withdraw', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: MEGAN, clientId: t.emulator.demoApp.clientId, scope: 'calendars.readwrite' }),
    });
    expect(withdraw.status).toBe(200);
    expect(((await withdraw.json()) as { scopes: string[] }).scopes).not.toContain('Calendars.ReadWrite');
    expect(consented()).toEqual(expect.arrayContaining(['Mail.ReadWrite']));

    const calendarWith = (accessToken: string) => t.request('/v1.0/me/calendars', { headers: { authorization: `Bearer ${accessToken}` } });
    expect((await calendarWith(tokens.access_token)).status).toBe(200);

    const refreshed = await refresh(t, tokens.refresh_token, { scope: scopeParameter('User.Read', 'Mail.ReadWrite', 'Calendars.ReadWrite') });
    expect(refreshed.status).toBe(200);
    const scopes = (refreshed.body.scope as string).split(' ');
    expect(scopes).toContain('Mail.ReadWrite');
    expect(scopes).not.toContain('Calendars.ReadWrite');
    const denied = await calendarWith(refreshed.body.access_token);
    expect(denied.status).toBe(403);
    expect((await t.request('/v1.0/me/mailFolders', { headers: { authorization: `Bearer ${refreshed.body.access_token}` } })).status).toBe(200);

    // A scope the grant never held is still a consent error.
    const never = await refresh(t, tokens.refresh_token, { scope: scopeParameter('Tasks.ReadWrite') });
    expect(never.status).toBe(400);
    expect(never.body.error_codes).toEqual([65001]);
  });

  it('refuses a withdrawal that names no user, app or grant', async () => {
    const post = (body: unknown) => t.request('/_admin/consents/withdraw', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ user: 'nobody@contoso.com', clientId: t.emulator.demoApp.clientId, scope: 'Mail.ReadWrite' })).status).toBe(400);
    expect((await post({ user: MEGAN, clientId: 'not-an-app', scope: 'Mail.ReadWrite' })).status).toBe(400);
    expect((await post({ user: MEGAN, clientId: t.emulator.demoApp.clientId, scope: 'openid' })).status).toBe(400);
    const none = await post({ user: MEGAN, clientId: t.emulator.demoApp.clientId, scope: 'Mail.ReadWrite' });
    expect(none.status).toBe(404);
    expect(((await none.json()) as { error: string }).error).toMatch(/has not consented/);
  });
});
