import { composeClient } from './support/compose-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';

const ALEX = 'alex.wilber@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const ADELE = 'adele.vance@northwind.example';
const recipient = (address: string, name?: string) => ({ emailAddress: { address, ...(name ? { name } : {}) } });

describe('compose: people and mail tips', () => {
  const t = useTestEmulator();
  let megan: MailClient;
  beforeEach(async () => {
    t.emulator.store.reset();
    megan = await composeClient(t, MEGAN, ['Mail.ReadWrite', 'Mail.Send', 'People.Read']);
  });

  const send = (client: MailClient, subject: string, to: Json[]) =>
    client.graph('/me/sendMail', { method: 'POST', body: { message: { subject, toRecipients: to } } });

  it('ranks people by how often the user mails them, and searches them fuzzily by name and address', async () => {
    for (const subject of ['a', 'b', 'c']) expect((await send(megan, subject, [recipient(ALEX)])).status).toBe(202);
    await send(megan, 'd', [recipient(ADELE, 'Adele Vance')]);
    await send(await composeClient(t, LEE), 'hello', [recipient(MEGAN)]);

    const all = await megan.graph('/me/people');
    expect(all.status).toBe(200);
    const people = all.body.value as Json[];
    expect(people.map((p) => p.scoredEmailAddresses[0].address)).toEqual([ALEX, ADELE, LEE]);
    expect(people[0]).toMatchObject({ displayName: 'Alex Wilber', givenName: 'Alex', surname: 'Wilber', jobTitle: 'Marketing Assistant', userPrincipalName: ALEX, personType: { class: 'Person', subclass: 'OrganizationUser' } });
    expect(people[1]).toMatchObject({ displayName: 'Adele Vance', personType: { class: 'Person', subclass: 'ImplicitContact' } });
    const scores = people.map((p) => p.scoredEmailAddresses[0].relevanceScore as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const found = async (search: string) => ((await megan.graph(`/me/people?$search=${encodeURIComponent(search)}`)).body.value as Json[]).map((p) => p.displayName);
    expect(await found('a')).toEqual(['Alex Wilber', 'Adele Vance']);
    expect(await found('adel')).toEqual(['Adele Vance']);
    expect(await found('"wilbur"')).toEqual(['Alex Wilber']);
    expect(await found('vance')).toEqual(['Adele Vance']);
    expect(await found('northwind')).toEqual([]);
    expect(await found(ADELE)).toEqual(['Adele Vance']);
    expect(await found('lee gu')).toEqual(['Lee Gu']);

    const top = await megan.graph('/me/people?$top=1&$select=displayName');
    expect(top.body.value).toEqual([{ id: people[0]!.id, displayName: 'Alex Wilber' }]);
    expect(top.body['@odata.nextLink']).toContain('$skip=1');
    expect(((await megan.graph(top.body['@odata.nextLink'])).body.value as Json[])[0]!.displayName).toBe('Adele Vance');
    const colleagues = await megan.graph(`/me/people?$filter=${encodeURIComponent("personType/subclass eq 'OrganizationUser'")}`);
    expect((colleagues.body.value as Json[]).map((p) => p.displayName)).toEqual(['Alex Wilber']);
    expect(((await megan.graph('/me/people?$orderby=displayName')).body.value as Json[]).map((p) => p.displayName)).toEqual(['Adele Vance', 'Alex Wilber', 'Lee Gu']);

    const refused = [
      await megan.graph('/me/people?$search=ale&$skip=1'),
      await megan.graph('/me/people?$search=topic:budget'),
      await megan.graph('/me/people?$orderby=birthday'),
      await megan.graph('/me/people?$select=shoeSize'),
      await megan.graph('/me/people?$expand=manager'),
      await megan.graph(`/users/${ALEX}/people`),
      await (await composeClient(t, MEGAN)).graph('/me/people'),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 501, 501, 400, 400, 403, 403]);
  });

  it('tells automatic replies through getMailTips: always, scheduled, internal and external messages, set through the admin API', async () => {
    const tips = async (client: MailClient, addresses: string[], options = 'automaticReplies') =>
      client.graph('/me/getMailTips', { method: 'POST', body: { EmailAddresses: addresses, MailTipsOptions: options } });
    expect((await megan.admin(`/mailboxes/${LEE}/automatic-replies`)).body).toMatchObject({ status: 'disabled' });
    const none = await tips(megan, [LEE, ADELE]);
    expect(none.status).toBe(200);
    expect(none.body.value).toEqual([
      { emailAddress: { name: 'Lee Gu', address: LEE }, automaticReplies: { message: '' } },
      { emailAddress: { name: ADELE, address: ADELE }, automaticReplies: { message: '' } },
    ]);

    const lee = await megan.admin(`/mailboxes/${LEE}/automatic-replies`, 'PATCH', {
      status: 'alwaysEnabled', externalAudience: 'all', internalReplyMessage: '<p>Back Monday (team)</p>', externalReplyMessage: '<p>Back Monday</p>',
    });
    expect(lee.status).toBe(200);
    // Mail to Lee now gets his (external) automatic reply, once.
    for (const subject of ['Order', 'Order again']) {
      expect((await megan.graph('/me/sendMail', { method: 'POST', body: { message: { subject, toRecipients: [recipient(LEE)] } } })).status).toBe(202);
    }
    const replies = ((await megan.graph('/me/mailFolders/inbox/messages')).body.value as Json[]).filter((m) => m.subject.startsWith('Automatic reply'));
    expect(replies.map((m) => [m.subject, m.from.emailAddress.address])).toEqual([['Automatic reply: Order', LEE]]);
    expect(replies[0]!.body.content).toContain('Back Monday');
    expect(replies[0]!.body.content).not.toContain('(team)');
    const inOffice = new Date(Date.now() - 3600_000).toISOString();
    const back = new Date(Date.now() + 3 * 24 * 3600_000).toISOString();
    await megan.admin(`/mailboxes/${ALEX}/automatic-replies`, 'PATCH', { status: 'scheduled', internalReplyMessage: 'On leave', scheduledStartDateTime: inOffice, scheduledEndDateTime: back });
    const on = await tips(megan, [LEE, ALEX], 'automaticReplies, mailboxFullStatus, recipientScope, maxMessageSize');
    expect(on.body.value[0]).toMatchObject({ automaticReplies: { message: '<p>Back Monday</p>' }, mailboxFull: false, recipientScope: 'external', maxMessageSize: 35 * 1024 * 1024 });
    expect(on.body.value[1]).toMatchObject({ automaticReplies: { message: 'On leave', scheduledEndTime: { timeZone: 'UTC' } }, recipientScope: 'internal' });
    expect(Date.parse(`${on.body.value[1].automaticReplies.scheduledEndTime.dateTime}Z`)).toBe(Date.parse(back));
    // Lee's colleagues see the internal message; a window not begun yet shows nothing.
    await megan.admin(`/mailboxes/${ALEX}/automatic-replies`, 'PATCH', { scheduledStartDateTime: back, scheduledEndDateTime: new Date(Date.parse(back) + 3600_000).toISOString() });
    expect((await tips(megan, [ALEX])).body.value[0].automaticReplies).toEqual({ message: '' });
    await megan.admin(`/mailboxes/${LEE}/automatic-replies`, 'PATCH', { externalAudience: 'none' });
    expect((await tips(megan, [LEE])).body.value[0].automaticReplies).toEqual({ message: '' });

    const leeSelf = await composeClient(t, LEE, ['Mail.Read', 'MailboxSettings.Read']);
    expect((await leeSelf.graph('/me/mailboxSettings/automaticRepliesSetting')).body).toMatchObject({ status: 'alwaysEnabled', externalAudience: 'none', internalReplyMessage: '<p>Back Monday (team)</p>' });

    const refused = [
      await megan.admin(`/mailboxes/${LEE}/automatic-replies`, 'PATCH', { status: 'sometimes' }),
      await megan.admin(`/mailboxes/${LEE}/automatic-replies`, 'PATCH', { status: 'scheduled', scheduledStartDateTime: null }),
    ];
    expect(refused.map((r) => r.status)).toEqual([400, 400]);
    expect((await megan.admin(`/mailboxes/${LEE}/automatic-replies`)).body.status).toBe('alwaysEnabled');
    const graphRefused = [
      await tips(megan, [LEE], 'automaticReplies, totalMemberCount'),
      await tips(megan, [LEE], 'oofStatus'),
      await tips(megan, []),
      await tips(await composeClient(t, MEGAN, ['Mail.Send']), [LEE]),
    ];
    expect(graphRefused.map((r) => r.status)).toEqual([501, 400, 400, 403]);
    expect((await tips(megan, ['not-an-address'])).body.value[0].error.code).toBe('ErrorInvalidSmtpAddress');
  });
});
