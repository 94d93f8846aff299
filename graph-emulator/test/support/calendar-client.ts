import { redeemCode, signIn } from './auth-flow.js';
import type { TestEmulator } from './emulator-harness.js';
import { mailClient, type MailClient } from './mail-client.js';

export const CALENDAR_SCOPE = 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Calendars.ReadWrite openid profile offline_access';

/** A signed-in Graph client for calendar tests (Calendars.ReadWrite unless `scope` says otherwise). */
export async function calendarClient(t: TestEmulator, account = 'megan.bowen@contoso.com', scope = CALENDAR_SCOPE): Promise<MailClient> {
  const { body } = await redeemCode(t, await signIn(t, { account, scope }));
  if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
  return mailClient(t, body.access_token as string);
}
