import type { MailChangeEvent } from '../src/store/mail/mail-store.js';
import { composeClient } from './support/compose-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { deltaRound, type Json, type MailClient } from './support/mail-client.js';

const ALEX = 'alex.wilber@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const to = (...addresses: string[]) => addresses.map((address) => ({ emailAddress: { address } }));

describe('compose: drafts and sending', () => {
  const t = useTestEmulator();
  let megan: MailClient;
  let alex: MailClient;
  beforeEach(async () => {
    t.emulator.store.reset();
    megan = await composeClient(t, MEGAN);
    alex = await composeClient(t, ALEX);
  });

  const folder = async (client: MailClient, name: string): Promise<Json[]> => (await client.graph(`/me/mailFolders/${name}/messages?$top=50`)).body.value;

  it('keeps a draft in Drafts, changes it while it is one, sends it to Sent Items and into the recipient\'s Inbox', async () => {
    const created = await megan.graph('/me/messages', {
      method: 'POST',
      body: { subject: 'Plan', body: { contentType: 'HTML', content: '<p>first</p>' }, toRecipients: to(ALEX), importance: 'High' },
    });
    expect(created.status).toBe(201);
    const drafts = (await megan.graph('/me/mailFolders/drafts')).body;
    expect(created.body).toMatchObject({ isDraft: true, isRead: true, subject: 'Plan', importance: 'high', parentFolderId: drafts.id });
    expect(created.body.toRecipients).toEqual([{ emailAddress: { name: ALEX, address: ALEX } }]);
    expect(created.body.from.emailAddress.address).toBe(MEGAN);

    const patched = await megan.graph(`/me/messages/${created.body.id}`, {
      method: 'PATCH',
      body: { subject: 'Plan v2', body: { contentType: 'text', content: 'second' }, ccRecipients: to(LEE) },
      headers: { prefer: 'outlook.body-content-type="text"' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ subject: 'Plan v2', body: { contentType: 'text', content: 'second' }, isDraft: true });
    expect(patched.body.changeKey).not.toBe(created.body.changeKey);
    expect((await megan.graph(`/me/messages/${created.body.id}`, { method: 'PATCH', body: { colour: 'red' } })).body.error.code).toBe('RequestBodyRead');
    const unstored = await megan.graph(`/me/messages/${created.body.id}`, { method: 'PATCH', body: { categories: ['Red'] } });
    expect([unstored.status, unstored.body.error.code]).toEqual([501, 'NotImplemented']);
    expect((await megan.graph(`/me/messages/${created.body.id}`, { method: 'PATCH', body: { toRecipients: to('not an address') } })).body.error.code).toBe('ErrorInvalidRecipients');

    const events: MailChangeEvent[] = [];
    const stop = t.emulator.store.mail.onChange((event) => events.push(event));
    const alexInbox = (await alex.graph('/me/mailFolders/inbox')).body.id;
    const before = await deltaRound(alex, `/me/mailFolders/inbox/messages/delta`);
    const sent = await megan.graph(`/me/messages/${created.body.id}/send`, { method: 'POST' });
    stop();
    expect([sent.status, sent.body]).toEqual([202, {}]);
    expect((await megan.graph(`/me/messages/${created.body.id}`)).status).toBe(404);
    expect(await folder(megan, 'drafts')).toEqual([]);
    const [copy] = await folder(megan, 'sentitems');
    expect(copy).toMatchObject({ subject: 'Plan v2', isDraft: false, isRead: true, internetMessageId: created.body.internetMessageId, conversationId: created.body.conversationId });

    const [received] = await folder(alex, 'inbox');
    expect(received).toMatchObject({ subject: 'Plan v2', isRead: false, isDraft: false, internetMessageId: copy!.internetMessageId, importance: 'high' });
    expect(received.from.emailAddress.address).toBe(MEGAN);
    expect(received.ccRecipients).toEqual([{ emailAddress: { name: LEE, address: LEE } }]);
    expect((await folder(await composeClient(t, LEE), 'inbox')).map((m) => m.internetMessageId)).toEqual([copy!.internetMessageId]);
    const after = await deltaRound(alex, before.deltaLink);
    expect(after.items.map((item) => item.id)).toEqual([received.id]);
    expect(events.filter((e) => e.userId === t.emulator.store.findUser(ALEX)!.id)).toEqual([expect.objectContaining({ changeType: 'created', folderId: alexInbox })]);
    // The mail that left Contoso: Lee Gu at Fabrikam, not Alex.
    const outbound = (await megan.admin('/outbound')).body.value;
    expect(outbound).toEqual([expect.objectContaining({ internetMessageId: copy!.internetMessageId, to: [], cc: [{ name: LEE, address: LEE }], subject: 'Plan v2' })]);

    // After it is sent: isRead still changes, the content no longer does (200, unchanged).
    const late = await megan.graph(`/me/messages/${copy!.id}`, { method: 'PATCH', body: { subject: 'rewritten', isRead: false } });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ subject: 'Plan v2', isRead: false });
    expect((await megan.graph(`/me/messages/${copy!.id}/send`, { method: 'POST' })).body.error.code).toBe('ErrorInvalidOperation');
  });

  it('sends in one step with sendMail, saving to Sent Items unless told not to; Mail.Send is needed to send', async () => {
    const external = 'buyer@fabrikam-partners.example';
    const saved = await megan.graph('/me/sendMail', {
      method: 'POST',
      body: { message: { subject: 'Quote', body: { contentType: 'Text', content: 'Attached.' }, toRecipients: to(external), bccRecipients: to(ALEX), internetMessageHeaders: [{ name: 'X-CRM-Send', value: 'abc' }] } },
    });
    expect(saved.status).toBe(202);
    const [copy] = await folder(megan, 'sentitems');
    expect(copy).toMatchObject({ subject: 'Quote', body: { contentType: 'html' }, bccRecipients: [{ emailAddress: { name: ALEX, address: ALEX } }] });
    const headers = (await megan.graph(`/me/messages/${copy!.id}?$select=internetMessageHeaders`)).body.internetMessageHeaders;
    expect(headers).toEqual(expect.arrayContaining([{ name: 'X-CRM-Send', value: 'abc' }]));
    const [atAlex] = await folder(alex, 'inbox');
    expect(atAlex).toMatchObject({ internetMessageId: copy!.internetMessageId, bccRecipients: [] });
    expect((await megan.admin('/outbound')).body.value).toEqual([expect.objectContaining({ to: [{ name: external, address: external }], bcc: [] })]);

    const unsaved = await megan.graph('/me/sendMail', { method: 'POST', body: { message: { subject: 'No copy', toRecipients: to(ALEX) }, saveToSentItems: false } });
    expect(unsaved.status).toBe(202);
    expect((await folder(megan, 'sentitems')).map((m) => m.subject)).toEqual(['Quote']);
    expect((await folder(alex, 'inbox')).map((m) => m.subject)).toEqual(['No copy', 'Quote']);

    const refusals = [
      await megan.graph('/me/sendMail', { method: 'POST', body: { message: { subject: 'nobody' } } }),
      await megan.graph('/me/sendMail', { method: 'POST', body: { message: { toRecipients: to(ALEX) }, saveToSentItems: 'yes' } }),
      await megan.graph('/me/sendMail', { method: 'POST', body: { message: { toRecipients: to(ALEX), from: { emailAddress: { address: ALEX } } } } }),
      await megan.graph('/me/sendMail', { method: 'POST', body: { subject: 'no message' } }),
    ];
    expect(refusals.map((r) => [r.status, r.body.error.code])).toEqual([
      [400, 'ErrorInvalidRecipients'], [400, 'RequestBodyRead'], [403, 'ErrorSendAsDenied'], [400, 'RequestBodyRead'],
    ]);
    const readOnly = await composeClient(t, MEGAN, ['Mail.ReadWrite']);
    const denied = await readOnly.graph('/me/sendMail', { method: 'POST', body: { message: { toRecipients: to(ALEX) } } });
    expect([denied.status, denied.body.error.code]).toEqual([403, 'ErrorAccessDenied']);
    const draft = await readOnly.graph('/me/messages', { method: 'POST', body: { toRecipients: to(ALEX) } });
    expect(draft.status).toBe(201);
    expect((await readOnly.graph(`/me/messages/${draft.body.id}/send`, { method: 'POST' })).status).toBe(403);
    expect((await folder(alex, 'inbox'))).toHaveLength(2);
  });
});
