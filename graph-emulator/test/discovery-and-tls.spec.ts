import { rm, stat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fetch } from 'undici';
import { CONTOSO_TENANT_ID } from '../src/index.js';
import { startTestEmulator } from './support/emulator-harness.js';
import { useTestEmulator } from './support/emulator-suite.js';

// Microsoft's tenant of personal accounts (the consumers audience).
const PERSONAL_ACCOUNT_TENANT_ID = '9188040d-6c67-4c5b-b112-36a304b66dad';

describe('discovery, JWKS and TLS', () => {
  const t = useTestEmulator();

  it('publishes the OpenID configuration for common with a templated issuer', async () => {
    const response = await t.request('/common/v2.0/.well-known/openid-configuration');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    const base = t.emulator.baseUrl;
    expect(doc).toMatchObject({
      issuer: `${base}/{tenantid}/v2.0`,
      authorization_endpoint: `${base}/common/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/common/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/common/oauth2/v2.0/logout`,
      jwks_uri: `${base}/common/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      cloud_instance_name: 'microsoftonline.com',
      request_uri_parameter_supported: false,
      frontchannel_logout_supported: true,
      http_logout_supported: true,
    });
    for (const key of ['userinfo_endpoint', 'device_authorization_endpoint', 'response_types_supported',
      'subject_types_supported', 'scopes_supported', 'claims_supported', 'tenant_region_scope',
      'cloud_graph_host_name', 'msgraph_host']) {
      expect(doc).toHaveProperty(key);
    }
  });

  it('resolves tenant ids and domains to the tenant issuer; consumers to the personal-account tenant', async () => {
    const byDomain = (await (await t.request('/contoso.com/v2.0/.well-known/openid-configuration')).json()) as Record<string, string>;
    expect(byDomain.issuer).toBe(`${t.emulator.baseUrl}/${CONTOSO_TENANT_ID}/v2.0`);
    expect(byDomain.token_endpoint).toBe(`${t.emulator.baseUrl}/${CONTOSO_TENANT_ID}/oauth2/v2.0/token`);
    const consumers = (await (await t.request('/consumers/v2.0/.well-known/openid-configuration')).json()) as Record<string, string>;
    expect(consumers.issuer).toBe(`${t.emulator.baseUrl}/${PERSONAL_ACCOUNT_TENANT_ID}/v2.0`);
  });

  it('answers an unknown tenant with AADSTS90002', async () => {
    const response = await t.request('/nowhere.example/v2.0/.well-known/openid-configuration');
    expect(response.status).toBe(400);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed JSON in assertions
    const body = (await response.json()) as Record<string, any>;
    expect(body.error).toBe('invalid_tenant');
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(/^AADSTS90002: .*\r\nTrace ID: .*\r\nCorrelation ID: .*\r\nTimestamp: /);
  });

  it('serves the signing key as a JWKS', async () => {
    const body = (await (await t.request('/common/discovery/v2.0/keys')).json()) as { keys: Record<string, string>[] };
    expect(body.keys).toHaveLength(1);
    expect(body.keys[0]).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
    expect(body.keys[0]!.kid).toBeTruthy();
    expect(body.keys[0]).not.toHaveProperty('d');
  });

  it('is not trusted without the CA and trusted with it', async () => {
    const url = `${t.emulator.baseUrl}/common/v2.0/.well-known/openid-configuration`;
    const failure = await fetch(url).then(() => undefined, (error: Error & { cause?: { code?: string } }) => error);
    expect(failure).toBeDefined();
    expect(failure!.cause?.code).toMatch(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    expect((await t.request(url)).status).toBe(200);
  });

  it('echoes client-request-id and adds a request-id', async () => {
    const clientRequestId = '0b7b2c4e-5a3d-4f1e-9c8b-7a6d5e4f3c2b';
    const response = await t.request('/common/discovery/v2.0/keys', { headers: { 'client-request-id': clientRequestId } });
    expect(response.headers.get('client-request-id')).toBe(clientRequestId);
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps key files private and reuses the CA on the next start, re-issuing a missing leaf', async () => {
    expect((await stat(join(t.dataDir, 'ca-key.pem'))).mode & 0o077).toBe(0);
    expect((await stat(join(t.dataDir, 'server-key.pem'))).mode & 0o077).toBe(0);
    await rm(join(t.dataDir, 'server.pem'));
    const second = await startTestEmulator({ dataDir: t.dataDir });
    try {
      expect(second.emulator.caCertPem).toBe(t.emulator.caCertPem);
      expect(await readFile(join(t.dataDir, 'server.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
      expect((await second.request('/common/discovery/v2.0/keys')).status).toBe(200);
      const keysA = await (await t.request('/common/discovery/v2.0/keys')).json();
      const keysB = await (await second.request('/common/discovery/v2.0/keys')).json();
      expect(keysB).toEqual(keysA);
    } finally {
      await second.close();
    }
  });
});
