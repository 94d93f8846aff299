import { randomBytes } from 'node:crypto';
import { InProcessJobSystem, parseEncryptionKeys } from '@m365/dev-host';
import { SecretCipher, SecretDecryptionError, SecretVaultService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, type TestHost } from '../../test-support/index.js';
import { snapshotDatabase } from '../../test-support/database-snapshot.js';
import { VaultKeyRotationJob } from '../../server-module/src/vault/vault-key-rotation.job.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
/** A sealed secret as the cipher writes it: `v1.<keyId>.<96-bit iv>.<128-bit tag>.<ciphertext>` in base64url. */
const SEALED = /v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]*)/g;

interface SealedValue {
  table: string;
  keyId: string;
  value: string;
}

/** Every sealed value anywhere in the database, whichever table or column holds it. */
async function sealedValues(host: TestHost): Promise<SealedValue[]> {
  const found: SealedValue[] = [];
  for (const [table, rows] of await snapshotDatabase(host.dataSource)) {
    for (const row of rows) for (const match of row.matchAll(SEALED)) found.push({ table, keyId: match[1]!, value: match[0] });
  }
  return found;
}

const keyText = (keyId: string, key: Buffer) => `${keyId}:${key.toString('base64')}`;

/**
 * Key rotation, as an operator does it: TOKEN_ENCRYPTION_KEYS gets a new key first and keeps the old one after it; on
 * start the re-seal job moves every sealed secret — token caches (access, refresh and id tokens), subscription
 * clientStates, the PKCE verifiers of OAuth states — to the new key; then the old key can go, and everything still
 * opens with the new key alone, to the same plaintext.
 */
describe('Security — token encryption key rotation re-seals everything sealed', () => {
  let host: TestHost;
  let oldKeys: string;
  const newKey = randomBytes(32);

  beforeAll(async () => {
    host = await startTestHost();
    const megan = await connectMailbox(host, host.client, MEGAN, MEGAN);
    await eventually(async () => (await host.dataSource.query(`SELECT 1 FROM "microsoftSubscription" WHERE "connectedAccountId" = $1 AND "status" = 'ACTIVE'`, [megan.connectedAccountId])).length === 3, 60_000, 'mail, calendar and contacts push');
    // A flow under way: Alex is on Microsoft's consent page, his PKCE verifier sealed in its state row.
    const alex = host.newClient();
    await alex.signIn(ALEX, 'demo-password');
    const link = await alex.graphql<{ createMicrosoftConnectLink: { url: string } }>(`mutation { createMicrosoftConnectLink { url } }`);
    const url = new URL(link.data!.createMicrosoftConnectLink.url);
    expect((await alex.get(`${url.pathname}${url.search}`)).status).toBe(302);
    const { activeKeyId, keys } = host.microsoft.encryptionKeys;
    oldKeys = keyText(activeKeyId, keys.get(activeKeyId)!);
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it('reads TOKEN_ENCRYPTION_KEYS with the first key active and the later ones still read; a bad entry is refused clearly', () => {
    const ring = parseEncryptionKeys(`${keyText('new', newKey)}, ${oldKeys}`);
    expect(ring.activeKeyId).toBe('new');
    expect([...ring.keys.keys()]).toEqual(['new', host.microsoft.encryptionKeys.activeKeyId]);
    expect(() => parseEncryptionKeys(`new:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseEncryptionKeys(`${keyText('new', newKey)},${keyText('new', newKey)}`)).toThrow(/appears twice/);
    expect(() => parseEncryptionKeys(newKey.toString('base64'))).toThrow(/kid:base64key/);
  });

  it('moves every sealed value to the new key on start; then the new key alone opens each to the same plaintext, the old one none', async () => {
    const oldCipher = new SecretCipher(parseEncryptionKeys(oldKeys));
    const before = await sealedValues(host);
    const tables = new Set(before.map((sealed) => sealed.table));
    // The vault's rows (token cache, three clientStates) and the OAuth states' verifiers (Megan's used one, Alex's pending one).
    expect(tables).toEqual(new Set(['public.microsoftSecret', 'public.microsoftOAuthState']));
    expect(before.filter((sealed) => sealed.table === 'public.microsoftSecret').length).toBeGreaterThanOrEqual(4);
    expect(before.filter((sealed) => sealed.table === 'public.microsoftOAuthState').length).toBeGreaterThanOrEqual(2);
    expect(new Set(before.map((sealed) => sealed.keyId))).toEqual(new Set([host.microsoft.encryptionKeys.activeKeyId]));

    const contexts = await contextsOf(host);
    const plaintexts = new Map(before.map((sealed) => [sealed.value, oldCipher.open(sealed.value, contexts.get(sealed.value)!)]));

    // A restart with the new key first: the start-up check finds secrets under another key and queues the re-seal job.
    const jobs = new InProcessJobSystem({ backoffDelayMs: 50 });
    try {
      const rotatedVault = new SecretVaultService(host.dataSource, new SecretCipher(parseEncryptionKeys(`${keyText('new', newKey)},${oldKeys}`)));
      await new VaultKeyRotationJob(jobs, rotatedVault).onApplicationBootstrap();
      await eventually(async () => !(await rotatedVault.hasSecretsUnderOtherKeys()), 20_000, 'the re-seal job done');
    } finally {
      await jobs.close();
    }

    const after = await sealedValues(host);
    expect(after.length).toBe(before.length);
    expect(after.filter((sealed) => sealed.keyId !== 'new')).toEqual([]);
    const newOnly = new SecretCipher(parseEncryptionKeys(keyText('new', newKey)));
    const contextsAfter = await contextsOf(host);
    expect(new Set(after.map((sealed) => newOnly.open(sealed.value, contextsAfter.get(sealed.value)!)))).toEqual(new Set(plaintexts.values()));
    for (const sealed of after) expect(() => oldCipher.open(sealed.value, contextsAfter.get(sealed.value)!)).toThrow(SecretDecryptionError);
    // Nothing was left in the clear by the move.
    const dump = [...(await snapshotDatabase(host.dataSource)).values()].flat().join('\n');
    expect([...plaintexts.values()].filter((plaintext) => plaintext.length >= 16 && dump.includes(plaintext))).toEqual([]);
  });
});

/** The additional data each sealed value was bound to: `<kind>:<owner>` in the vault, `oauth-state:<nonce>` for verifiers. */
async function contextsOf(host: TestHost): Promise<Map<string, string>> {
  const contexts = new Map<string, string>();
  for (const row of await host.dataSource.query(`SELECT "kind", "ownerId", "sealed" FROM "microsoftSecret"`)) contexts.set(row.sealed, `${row.kind}:${row.ownerId}`);
  for (const row of await host.dataSource.query(`SELECT "nonce", "sealedCodeVerifier" FROM "microsoftOAuthState"`)) contexts.set(row.sealedCodeVerifier, `oauth-state:${row.nonce}`);
  return contexts;
}
