import { DEMO_PASSWORD, SESSION_COOKIE } from '@m365/dev-host';
import { startTestHost, type TestHost } from '../../test-support/index.js';

describe('session sign-in', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost();
  });

  afterAll(async () => {
    await host?.close();
  });

  it('signs in with the demo password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const client = host.newClient();
    const response = await client.post('/graphql', {
      query: `mutation { signIn(email: "megan.bowen@contoso.com", password: "${DEMO_PASSWORD}") { id userEmail name { firstName lastName } } }`,
    });
    const body = response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.signIn).toMatchObject({ userEmail: 'megan.bowen@contoso.com', name: { firstName: 'Megan', lastName: 'Bowen' } });
    const cookie = response.setCookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.graphql(`{ currentWorkspaceMember { id userEmail } }`);
    expect(me.data.currentWorkspaceMember).toEqual({ id: body.data.signIn.id, userEmail: 'megan.bowen@contoso.com' });
  });

  it.each([
    ['a wrong password', 'megan.bowen@contoso.com', 'not-the-password'],
    ['an unknown email', 'nobody@contoso.com', DEMO_PASSWORD],
  ])('refuses %s with the same message', async (_case, email, password) => {
    const client = host.newClient();
    const result = await client.graphql(`mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { id } }`, { email, password });
    expect(result.errors?.[0].message).toBe('Invalid email or password');
    expect(client.cookie(SESSION_COOKIE)).toBeUndefined();
  });

  it('refuses queries without a session, with code UNAUTHENTICATED', async () => {
    const client = host.newClient();
    for (const query of [`{ currentWorkspaceMember { id } }`, `{ people { totalCount } }`, `{ companies { totalCount } }`]) {
      const result = await client.graphql(query);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(result.data ?? null).toBeNull();
    }
  });

  it('refuses a forged session cookie', async () => {
    const result = await host.newClient().graphql(`{ currentWorkspaceMember { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await host.newClient().request('POST', '/graphql', {
      body: { query: `{ currentWorkspaceMember { id } }` },
      headers: { cookie: `${SESSION_COOKIE}=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bad` },
    });
    expect(forged.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('signs out by clearing the cookie', async () => {
    const client = host.newClient();
    await client.signIn('alex.wilber@contoso.com', DEMO_PASSWORD);
    expect(client.cookie(SESSION_COOKIE)).toBeDefined();
    await client.graphql(`mutation { signOut }`);
    expect(client.cookie(SESSION_COOKIE)).toBeUndefined();
    const result = await client.graphql(`{ currentWorkspaceMember { id } }`);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts POST /auth/sign-in JSON and the token as a Bearer header', async () => {
    const client = host.newClient();
    const bad = await client.post('/auth/sign-in', { email: 'alex.wilber@contoso.com', password: 'nope' });
    expect(bad.status).toBe(401);
    expect(bad.json().message).toBe('Invalid email or password');
    const good = await client.post('/auth/sign-in', { email: 'alex.wilber@contoso.com', password: DEMO_PASSWORD });
    expect(good.status).toBe(200);
    const { token, workspaceMember } = good.json();
    expect(workspaceMember.userEmail).toBe('alex.wilber@contoso.com');
    const bearer = await host.newClient().request('POST', '/graphql', {
      body: { query: `{ currentWorkspaceMember { userEmail } }` },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.json().data.currentWorkspaceMember.userEmail).toBe('alex.wilber@contoso.com');
  });
});
