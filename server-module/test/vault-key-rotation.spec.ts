import { randomBytes } from 'node:crypto';
import { SecretCipher, SecretDecryptionError, SecretKind, SecretVaultService } from '@m365/server-module';
import { connectMailbox, eventually, activeSubscription, startTestHost, type TestHost } from '../../test-support/index.js';

describe('Rotating the token encryption key', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost();
    const mailbox = await connectMailbox(host, host.client, 'megan.bowen@contoso.com', 'megan.bowen@contoso.com');
    // Quiet first: the subscription's clientState is sealed by a job just after connecting.
    await eventually(async () => (await activeSubscription(host.dataSource, mailbox.messageChannelId)) !== null, 15_000, 'an active subscription');
  });

  afterAll(async () => {
    await host?.close();
  });

  it('re-seals every secret under the new active key; the old key alone no longer opens them', async () => {
    const oldKeys = host.microsoft.encryptionKeys;
    const rotatedKeys = { activeKeyId: 'rotated', keys: new Map([['rotated', randomBytes(32)], ...oldKeys.keys]) };
    const before: Array<{ kind: SecretKind; ownerId: string; keyId: string }> = await host.dataSource.query(`SELECT "kind", "ownerId", "keyId" FROM "microsoftSecret"`);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((row) => row.keyId === oldKeys.activeKeyId)).toBe(true);
    const oldVault = host.app.get(SecretVaultService);
    const plaintexts = await Promise.all(before.map((row) => oldVault.get(row.kind, row.ownerId)));

    // The PKCE verifiers of OAuth states are sealed in their own rows and move too.
    const [{ states }] = await host.dataSource.query(`SELECT count(*)::int AS "states" FROM "microsoftOAuthState"`);
    expect(states).toBeGreaterThan(0);
    const rotatedVault = new SecretVaultService(host.dataSource, new SecretCipher(rotatedKeys));
    expect(await rotatedVault.hasSecretsUnderOtherKeys()).toBe(true);
    expect(await rotatedVault.rotateToActiveKey(1)).toBe(before.length + states);
    expect(await rotatedVault.hasSecretsUnderOtherKeys()).toBe(false);

    const after: Array<{ keyId: string }> = await host.dataSource.query(`SELECT "keyId" FROM "microsoftSecret"`);
    expect(after.every((row) => row.keyId === 'rotated')).toBe(true);
    expect(await Promise.all(before.map((row) => rotatedVault.get(row.kind, row.ownerId)))).toEqual(plaintexts);
    await expect(oldVault.get(before[0]!.kind, before[0]!.ownerId)).rejects.toBeInstanceOf(SecretDecryptionError);
  });
});
