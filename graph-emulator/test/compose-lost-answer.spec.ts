import { composeClient } from './support/compose-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';

const ALEX = 'alex.wilber@contoso.com';
const to = (...addresses: string[]) => addresses.map((address) => ({ emailAddress: { address } }));

/** The lost-answer fault knob: the call is performed, its answer never arrives (connection reset, or silence then reset). */
describe('faults: a send performed whose answer is lost', () => {
  const t = useTestEmulator();
  let megan: MailClient;
  beforeEach(async () => {
    t.emulator.store.reset();
    megan = await composeClient(t, MEGAN);
  });

  const folder = async (name: string): Promise<Json[]> => (await megan.graph(`/me/mailFolders/${name}/messages?$top=50`)).body.value;
  const draft = async (subject: string) =>
    (await megan.graph('/me/messages', { method: 'POST', body: { subject, body: { contentType: 'text', content: subject }, toRecipients: to(ALEX) } })).body;

  it.each(['reset', 'timeout'] as const)('mode %s: the draft is sent, the client hears nothing of it', async (mode) => {
    await megan.admin('/mail-settings', 'PUT', { faults: { lostAnswerRate: 1, lostAnswerRoutes: ['message-send'], lostAnswerMode: mode, lostAnswerHoldMs: 200 } });
    const created = await draft(`Lost ${mode}`);
    await expect(megan.graph(`/me/messages/${created.id}/send`, { method: 'POST' })).rejects.toThrow();
    expect((await folder('sentitems')).map((message) => message.subject)).toEqual([`Lost ${mode}`]);
    expect(await folder('drafts')).toEqual([]);
    // Other routes answer as usual, and the loss is counted.
    expect((await megan.graph('/me/mailFolders/inbox')).status).toBe(200);
    const counters = (await megan.admin('/requests')).body as { value: Array<{ lostAnswers?: number }> };
    expect(counters.value.reduce((sum, counter) => sum + (counter.lostAnswers ?? 0), 0)).toBe(1);
  });

  it('loses only the routes named, and never a refused call', async () => {
    await megan.admin('/mail-settings', 'PUT', { faults: { lostAnswerRate: 1, lostAnswerRoutes: ['user-sendmail'] } });
    const created = await draft('Not lost');
    expect((await megan.graph(`/me/messages/${created.id}/send`, { method: 'POST' })).status).toBe(202);
    const refused = await megan.graph('/me/sendMail', { method: 'POST', body: { message: { subject: 'x', toRecipients: to('not an address') } } });
    expect(refused.status).toBe(400);
  });

  it('refuses a bad knob with the reason and changes nothing', async () => {
    for (const faults of [{ lostAnswerRate: 2 }, { lostAnswerRoutes: ['no-such-page'] }, { lostAnswerMode: 'drop' }]) {
      const answer = await megan.admin('/mail-settings', 'PUT', { faults });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toMatch(/lostAnswer/);
    }
    const settings = (await megan.admin('/mail-settings')).body as { faults: Json };
    expect(settings.faults).toMatchObject({ lostAnswerRate: 0, lostAnswerMode: 'reset', lostAnswerRoutes: expect.arrayContaining(['message-send', 'user-sendmail']) });
  });
});
