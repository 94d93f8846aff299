import { composeClient } from './support/compose-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';

const ALEX = 'alex.wilber@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const to = (...addresses: string[]) => addresses.map((address) => ({ emailAddress: { address } }));

describe('compose: replies, forwards and sending limits', () => {
  const t = useTestEmulator();
  let megan: MailClient;
  let alex: MailClient;
  beforeEach(async () => {
    t.emulator.store.reset();
    megan = await composeClient(t, MEGAN);
    alex = await composeClient(t, ALEX);
  });

  const folder = async (client: MailClient, name: string): Promise<Json[]> => (await client.graph(`/me/mailFolders/${name}/messages?$top=50`)).body.value;
  const header = async (client: MailClient, id: string, name: string) =>
    ((await client.graph(`/me/messages/${id}?$select=internetMessageHeaders`)).body.internetMessageHeaders as Json[]).find((h) => h.name === name)?.value;

  it('threads replies across mailboxes: createReply drafts, reply and replyAll send, In-Reply-To kept', async () => {
    await megan.graph('/me/sendMail', { method: 'POST', body: { message: { subject: 'Budget', body: { contentType: 'text', content: 'Numbers?' }, toRecipients: to(ALEX), ccRecipients: to(LEE) } } });
    const [original] = await folder(megan, 'sentitems');
    const [atAlex] = await folder(alex, 'inbox');

    const draft = await alex.graph(`/me/messages/${atAlex!.id}/createReply`, { method: 'POST', body: { comment: 'Here they are.' } });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ isDraft: true, subject: 'RE: Budget', conversationId: atAlex!.conversationId, toRecipients: [{ emailAddress: { address: MEGAN } }] });
    expect(draft.body.body.content).toContain('Here they are.');
    expect(draft.body.body.content).toContain('Numbers?');
    expect(await header(alex, draft.body.id, 'In-Reply-To')).toBe(original!.internetMessageId);
    expect((await alex.graph(`/me/messages/${draft.body.id}/send`, { method: 'POST' })).status).toBe(202);

    const [answer] = await folder(megan, 'inbox');
    expect(answer).toMatchObject({ subject: 'RE: Budget', conversationId: original!.conversationId, from: { emailAddress: { address: ALEX } } });
    expect(await header(megan, answer!.id, 'In-Reply-To')).toBe(original!.internetMessageId);

    const all = await alex.graph(`/me/messages/${atAlex!.id}/createReplyAll`, { method: 'POST' });
    expect(all.body.toRecipients.map((r: Json) => r.emailAddress.address)).toEqual([MEGAN]);
    expect(all.body.ccRecipients.map((r: Json) => r.emailAddress.address)).toEqual([LEE]);

    expect((await megan.graph(`/me/messages/${answer!.id}/replyAll`, { method: 'POST', body: { comment: 'Thanks both' } })).status).toBe(202);
    const sent = await folder(megan, 'sentitems');
    expect(sent.map((m) => [m.subject, m.conversationId])).toEqual([['RE: Budget', original!.conversationId], ['Budget', original!.conversationId]]);
    expect(sent[0]!.toRecipients.map((r: Json) => r.emailAddress.address)).toEqual([ALEX]);
    expect(sent[0]!.ccRecipients).toEqual([]);
    expect(await folder(megan, 'drafts')).toEqual([]);
    expect((await folder(alex, 'inbox')).map((m) => m.conversationId)).toEqual([atAlex!.conversationId, atAlex!.conversationId]);
  });

  it('forwards to whom it is told, and refuses what the docs refuse', async () => {
    await alex.graph('/me/sendMail', { method: 'POST', body: { message: { subject: 'Spec', toRecipients: to(MEGAN) } } });
    const [spec] = await folder(megan, 'inbox');
    const forwardDraft = await megan.graph(`/me/messages/${spec!.id}/createForward`, { method: 'POST', body: { toRecipients: to(LEE), comment: 'FYI' } });
    expect(forwardDraft.status).toBe(201);
    expect(forwardDraft.body).toMatchObject({ subject: 'FW: Spec', toRecipients: [{ emailAddress: { address: LEE } }] });

    const refused = [
      await megan.graph(`/me/messages/${spec!.id}/createReply`, { method: 'POST', body: { comment: 'a', message: { body: { contentType: 'text', content: 'b' } } } }),
      await megan.graph(`/me/messages/${spec!.id}/createForward`, { method: 'POST', body: { toRecipients: to(LEE), message: { toRecipients: to(ALEX) } } }),
      await megan.graph(`/me/messages/${spec!.id}/forward`, { method: 'POST', body: { comment: 'nobody' } }),
      await megan.graph(`/me/messages/${spec!.id}/reply`, { method: 'POST', body: { note: 'x' } }),
    ];
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual([
      [400, 'ErrorInvalidRequest'], [400, 'ErrorInvalidRequest'], [400, 'ErrorInvalidRecipients'], [400, 'RequestBodyRead'],
    ]);
    // The refused forward left no draft behind; the one createForward made is still there.
    expect((await folder(megan, 'drafts')).map((m) => m.id)).toEqual([forwardDraft.body.id]);
    expect((await megan.graph(`/me/messages/${spec!.id}/forward`, { method: 'POST', body: { comment: 'see below', toRecipients: to(LEE) } })).status).toBe(202);
    expect((await folder(await composeClient(t, LEE), 'inbox')).map((m) => m.subject)).toEqual(['FW: Spec']);
  });

  it('holds a mailbox to its sending limits: messages a minute, recipients a day, message size', async () => {
    const send = (subject: string, recipients: string[], content = 'x') =>
      megan.graph('/me/sendMail', { method: 'POST', body: { message: { subject, body: { contentType: 'text', content }, toRecipients: to(...recipients) } } });
    expect((await megan.admin('/sending-limits')).body).toEqual({ messagesPerMinute: 30, recipientsPerDay: 10_000, maxMessageSizeBytes: 35 * 1024 * 1024 });
    expect((await megan.admin('/sending-limits', 'PUT', { messagesPerMinute: 0 })).status).toBe(400);

    await megan.admin('/sending-limits', 'PUT', { messagesPerMinute: 2 });
    expect((await send('one', [ALEX])).status).toBe(202);
    expect((await send('two', [ALEX])).status).toBe(202);
    const third = await send('three', [ALEX]);
    expect([third.status, third.body.error.code]).toEqual([429, 'TooManyRequests']);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);

    await megan.admin('/sending-limits', 'PUT', { messagesPerMinute: 30, recipientsPerDay: 4 });
    const over = await send('many', [ALEX, LEE, 'a@example.com']);
    expect([over.status, over.body.error.code]).toEqual([403, 'ErrorExceededMessageLimit']);
    expect((await send('fits', [ALEX, LEE])).status).toBe(202);

    await megan.admin('/sending-limits', 'PUT', { recipientsPerDay: 10_000, maxMessageSizeBytes: 1000 });
    const big = await send('big', [ALEX], 'y'.repeat(2000));
    expect([big.status, big.body.error.code]).toEqual([400, 'ErrorMessageSizeExceeded']);
    expect((await folder(megan, 'sentitems')).map((m) => m.subject)).toEqual(['fits', 'two', 'one']);
    expect((await folder(alex, 'inbox')).map((m) => m.subject)).toEqual(['fits', 'two', 'one']);
  });
});
