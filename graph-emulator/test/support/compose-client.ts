import { redeemCode, signIn } from './auth-flow.js';
import type { TestEmulator } from './emulator-harness.js';
import { mailClient, type MailClient } from './mail-client.js';

const GRAPH = 'https://graph.microsoft.com/';

/** A Graph client for `account` with exactly these Graph scopes (default: mail read/write and send). */
export async function composeClient(t: TestEmulator, account: string, scopes = ['Mail.ReadWrite', 'Mail.Send']): Promise<MailClient> {
  const scope = ['User.Read', ...scopes].map((name) => `${GRAPH}${name}`).join(' ');
  const { body } = await redeemCode(t, await signIn(t, { account, scope: `${scope} openid profile offline_access` }));
  if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
  return mailClient(t, body.access_token as string);
}
