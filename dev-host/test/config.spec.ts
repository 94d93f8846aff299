import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMicrosoftConfig, DEFAULT_GRAPH_BASE_URL, DEFAULT_MICROSOFT_AUTHORITY, parseEncryptionKeys } from '@m365/dev-host';
import { resolveAppSecret } from '../src/config/app-secret.js';

describe('dev host configuration', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'm365-config-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('parses TOKEN_ENCRYPTION_KEYS with the first key active', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    const ring = parseEncryptionKeys(`2026:${a}, 2025:${b}`);
    expect(ring.activeKeyId).toBe('2026');
    expect([...ring.keys.keys()]).toEqual(['2026', '2025']);
    expect(ring.keys.get('2025')).toEqual(Buffer.from(b, 'base64'));
    expect(() => parseEncryptionKeys(`short:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseEncryptionKeys(a)).toThrow(/kid:base64key/);
  });

  it('generates the app secret and a dev encryption key once, mode 0600, and reuses them', () => {
    const secret = resolveAppSecret(undefined, dataDir);
    expect(resolveAppSecret(undefined, dataDir)).toBe(secret);
    expect(resolveAppSecret('from-env', dataDir)).toBe('from-env');
    expect(statSync(join(dataDir, 'app-secret')).mode & 0o777).toBe(0o600);

    const input = { env: { MICROSOFT_AUTHORITY: DEFAULT_MICROSOFT_AUTHORITY, MICROSOFT_CLIENT_ID: 'id', MICROSOFT_CLIENT_SECRET: 's' }, dataDir, publicUrl: 'http://localhost:3000', appSecret: secret };
    const first = buildMicrosoftConfig(input);
    const second = buildMicrosoftConfig(input);
    expect(first.encryptionKeys.activeKeyId).toBe('dev');
    expect(second.encryptionKeys.keys.get('dev')).toEqual(first.encryptionKeys.keys.get('dev'));
    expect(first.encryptionKeys.keys.get('dev')).toHaveLength(32);
    expect(statSync(join(dataDir, 'token-encryption-key')).mode & 0o777).toBe(0o600);
    expect(first.signingSecret).toHaveLength(32);
    expect(first.signingSecret.toString('base64')).not.toContain(secret);
  });

  it('reads Microsoft endpoints from the environment, with defaults and an extra CA file', () => {
    const caFile = join(dataDir, 'ca.pem');
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----\n');
    const key = randomBytes(32).toString('base64');
    const config = buildMicrosoftConfig({
      env: { MICROSOFT_CLIENT_ID: 'client', MICROSOFT_CLIENT_SECRET: 'secret', MICROSOFT_AUTHORITY: 'https://login.microsoftonline.com/common', MICROSOFT_CA_FILE: caFile, TOKEN_ENCRYPTION_KEYS: `k1:${key}` },
      dataDir,
      publicUrl: 'https://crm.example',
      appSecret: 'x',
    });
    expect(config).toMatchObject({ clientId: 'client', clientSecret: 'secret', graphBaseUrl: DEFAULT_GRAPH_BASE_URL, knownAuthorities: [], publicUrl: 'https://crm.example', frontUrl: 'https://crm.example' });
    expect(config.extraCaPem).toContain('BEGIN CERTIFICATE');
    expect(config.encryptionKeys.activeKeyId).toBe('k1');
    expect(() => buildMicrosoftConfig({ env: { MICROSOFT_AUTHORITY: 'http://insecure/common', MICROSOFT_CLIENT_ID: 'c' }, dataDir, publicUrl: 'x', appSecret: 'x' })).toThrow(/https/);
  });

  it('points the plugin at the emulator when one runs', () => {
    const config = buildMicrosoftConfig({
      env: {},
      dataDir,
      publicUrl: 'http://localhost:3000',
      appSecret: 'x',
      emulator: { baseUrl: 'https://localhost:4443', authorityHost: 'localhost:4443', graphBaseUrl: 'https://localhost:4443/v1.0', caCertPem: 'PEM', demoApp: { clientId: 'demo', clientSecret: 'demo-secret' } },
    });
    expect(config).toMatchObject({
      clientId: 'demo',
      clientSecret: 'demo-secret',
      authority: 'https://localhost:4443/common',
      knownAuthorities: ['localhost:4443'],
      graphBaseUrl: 'https://localhost:4443/v1.0',
      extraCaPem: 'PEM',
    });
    expect('extraCaPem' in buildMicrosoftConfig({ env: { MICROSOFT_AUTHORITY: 'https://a/common', MICROSOFT_CLIENT_ID: 'c' }, dataDir, publicUrl: 'x', appSecret: 'x' })).toBe(false);
  });
});
