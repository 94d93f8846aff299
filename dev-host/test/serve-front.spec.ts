import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHost, type TestHost } from '../../test-support/index.js';

describe('serving the built front', () => {
  let host: TestHost;
  const frontDir = mkdtempSync(join(tmpdir(), 'front-'));

  beforeAll(async () => {
    mkdirSync(join(frontDir, 'assets'));
    writeFileSync(join(frontDir, 'index.html'), '<!doctype html><div id="root">shell</div>');
    writeFileSync(join(frontDir, 'assets', 'app.js'), 'console.log(1)');
    host = await startTestHost({ frontDir });
  });

  afterAll(async () => {
    await host?.close();
    rmSync(frontDir, { recursive: true, force: true });
  });

  it('answers page routes with the app shell and serves assets', async () => {
    const page = await host.client.get('/settings/accounts?microsoftError=consent_cancelled', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="root"');
    const asset = await host.client.get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toBe('console.log(1)');
  });

  it('leaves server routes to the server', async () => {
    const start = await host.client.get('/auth/microsoft-apis', { accept: 'text/html' });
    expect(start.status).toBe(401);
    const graphql = await host.client.post('/graphql', { query: '{ __typename }' });
    expect(graphql.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
