import { randomUUID } from 'node:crypto';
import { CapturedLogger, startTestHost, type TestHost } from '../../test-support/index.js';

const STACK_FRAME = /\n\s+at /;

describe('Log policy: caller mistakes warn once, bugs log their stack', () => {
  const logger = new CapturedLogger();
  let host: TestHost;
  let workspaceId: string;

  beforeAll(async () => {
    host = await startTestHost({ logger });
    ({ workspaceId } = await host.client.signIn('megan.bowen@contoso.com', 'demo-password'));
  });

  afterAll(async () => {
    await host?.close();
  });

  it('disconnecting an account that is not yours answers NOT_FOUND and logs one warn line, no stack', async () => {
    const mark = logger.lines.length;
    const result = await host.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: randomUUID() });
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const lines = logger.since(mark);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', stack: undefined });
    expect(lines[0]!.text).toMatch(/^NOT_FOUND in graphql Mutation\.disconnectMicrosoftAccount: /);
    expect(lines[0]!.text).not.toMatch(STACK_FRAME);
  });

  it('a query without a session answers UNAUTHENTICATED and logs one debug line: each visit to the sign-in page asks', async () => {
    const mark = logger.lines.length;
    const result = await host.newClient().graphql(`{ microsoftAccounts { id handle } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(logger.since(mark).map((line) => line.level)).toEqual(['debug']);
    expect(logger.since(mark)[0]!.text).toMatch(/^UNAUTHENTICATED in graphql Query\.microsoftAccounts: /);
  });

  it('a tampered OAuth state is answered 400 as before and logs no error', async () => {
    const mark = logger.lines.length;
    const response = await host.client.get('/auth/microsoft-apis/get-access-token?code=not-a-real-code&state=tampered');
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/Start again from Settings/);
    const lines = logger.since(mark);
    expect(lines.filter((line) => line.level !== 'warn')).toEqual([]);
    expect(lines.length).toBeLessThanOrEqual(1);
    expect(lines.map((line) => line.text).join('\n')).not.toContain('not-a-real-code');
  });

  it('an unknown HTTP route (a Nest 404) warns without a stack', async () => {
    const mark = logger.lines.length;
    const response = await host.client.get('/auth/microsoft-apis/nowhere?code=secret-code-value');
    expect(response.status).toBe(404);
    const lines = logger.since(mark);
    expect(lines.map((line) => line.level)).toEqual(['warn']);
    expect(lines[0]!.text).toMatch(/^HTTP 404 in GET \/auth\/microsoft-apis\/nowhere: /);
    expect(lines[0]!.text).not.toContain('secret-code-value');
  });

  it('a body that is not JSON is refused 400 with one warn line that quotes none of it', async () => {
    const mark = logger.lines.length;
    const response = await host.client.post('/graphql', '{"query": "secret-body-text', { 'content-type': 'application/json' });
    expect(response.status).toBe(400);
    const lines = logger.since(mark);
    expect(lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(lines.length).toBeLessThanOrEqual(1);
    expect(lines.map((line) => line.text).join('\n')).not.toContain('secret-body-text');
  });

  it('a resolver that hits a broken database logs error with the stack, and the caller gets no detail', async () => {
    await host.dataSource.query(`ALTER TABLE "connectedAccount" RENAME TO "connectedAccountAway"`);
    const mark = logger.lines.length;
    try {
      const result = await host.client.graphql(`{ microsoftAccounts { id handle } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await host.dataSource.query(`ALTER TABLE "connectedAccountAway" RENAME TO "connectedAccount"`);
    }
    const errors = logger.since(mark).filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text).toMatch(/^QueryFailedError in graphql Query\.microsoftAccounts: /);
    expect(errors[0]!.stack).toMatch(STACK_FRAME);
    expect(logger.since(mark).filter((line) => line.level === 'warn')).toEqual([]);
    // TypeORM's own line for the failed query is a debug line without the query's parameters.
    const queryLines = logger.since(mark).filter((line) => line.text.includes('Query failed'));
    expect(queryLines.map((line) => line.level)).toEqual(['debug']);
    expect(logger.since(mark).map((line) => line.text).join('\n')).not.toContain(workspaceId);
  });
});
