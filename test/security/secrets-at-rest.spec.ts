import { connectMailbox, eventually, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { snapshotDatabase } from '../../test-support/database-snapshot.js';
import { MicrosoftTokenService } from '../../server-module/src/tokens/microsoft-token.service.js';
import { SecretKind, SecretVaultService } from '../../server-module/src/vault/secret-vault.service.js';

const MEGAN = 'megan.bowen@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
/** Over the 3 MB that goes inline: the attachment travels through an upload session's pre-authenticated URL. */
const ATTACHMENT_BYTES = 4 * 1024 * 1024 + 3;

/** Every string value under `value`, recursively (an MSAL cache holds its secrets a few levels down). */
function secretsIn(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return /secret/i.test(key) ? [value] : [];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([name, inner]) => secretsIn(inner, name));
  return [];
}

/**
 * Secrets at rest: with an account connected and pushed to, a dump of the whole database (every table, every row)
 * holds no access token, refresh token, id token, clientState or upload-session URL in the clear; the vault gives
 * the tokens and clientStates back.
 */
describe('Security — secrets at rest: a database dump holds no token and no clientState in the clear', () => {
  let host: TestHost;
  let megan: ConnectedMailbox;
  const uploadSecrets: string[] = [];

  beforeAll(async () => {
    host = await startTestHost();
    const client = host.newClient();
    megan = await connectMailbox(host, client, MEGAN, MEGAN);
    await eventually(async () => (await host.dataSource.query(`SELECT 1 FROM "microsoftSubscription" WHERE "connectedAccountId" = $1 AND "status" = 'ACTIVE'`, [megan.connectedAccountId])).length === 3, 30_000, 'mail, calendar and contacts push');
    // A draft with an attachment large enough for an upload session; the session's URL carries its secret.
    const outbound = host.emulator!.store.outbound;
    const saveUploadSession = outbound.saveUploadSession.bind(outbound);
    outbound.saveUploadSession = (session) => {
      uploadSecrets.push(session.token);
      saveUploadSession(session);
    };
    const draft = await client.graphql(`mutation ($a: ID!) { createMicrosoftDraft(connectedAccountId: $a, input: { subject: "Deck", to: [{ address: "${LEE}" }] }) { id } }`, { a: megan.connectedAccountId });
    const upload = await client.request('PUT', `/microsoft/compose/drafts/${draft.data.createMicrosoftDraft.id}/attachments?name=deck.pdf&size=${ATTACHMENT_BYTES}`, { body: 'd'.repeat(ATTACHMENT_BYTES), headers: { 'content-type': 'application/octet-stream' } });
    expect(upload.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await host?.close();
  });

  it('finds none of them in any row', async () => {
    const vault = host.app.get(SecretVaultService);
    const cache = JSON.parse((await vault.get(SecretKind.MSAL_TOKEN_CACHE, megan.connectedAccountId))!);
    const tokens = secretsIn(cache);
    // Access, refresh and id tokens at least: the cache is what the vault seals.
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    tokens.push(await host.app.get(MicrosoftTokenService).getAccessToken(megan.workspaceId, megan.connectedAccountId));
    const subscriptions: Array<{ id: string }> = await host.dataSource.query(`SELECT "id" FROM "microsoftSubscription" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]);
    const clientStates = await Promise.all(subscriptions.map(async ({ id }) => (await vault.get(SecretKind.SUBSCRIPTION_CLIENT_STATE, id))!));
    // The same clientStates Microsoft was given.
    const atMicrosoft = host.emulator!.store.subscriptions.forMailbox(host.emulator!.store.findUser(MEGAN)!.id).map((subscription) => subscription.clientState);
    expect([...clientStates].sort()).toEqual([...atMicrosoft].sort());

    expect(uploadSecrets.length).toBeGreaterThan(0);
    const secrets = [...tokens, ...clientStates, ...uploadSecrets].filter((secret) => secret.length >= 16);
    expect(uploadSecrets.every((secret) => secrets.includes(secret))).toBe(true);
    const found: string[] = [];
    for (const [table, rows] of await snapshotDatabase(host.dataSource)) {
      for (const row of rows) {
        for (const secret of secrets) if (row.includes(secret) || row.includes(secret.slice(0, 40))) found.push(`${table} holds a secret in the clear (${secret.slice(0, 8)}…)`);
      }
    }
    expect(found).toEqual([]);
  });
});
