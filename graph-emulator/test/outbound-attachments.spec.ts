import { composeClient } from './support/compose-client.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import type { Json, MailClient } from './support/mail-client.js';

const GUEST = 'guest@northwind.example';
const ALEX = 'alex.wilber@contoso.com';
const ICS = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//CRM//Booking//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT', 'UID:booking-42@crm.example',
  'SEQUENCE:0', 'DTSTART:20260310T150000Z', 'DTEND:20260310T153000Z', 'SUMMARY:Intro call', 'ORGANIZER:mailto:megan.bowen@contoso.com',
  `ATTENDEE;RSVP=TRUE:mailto:${GUEST}`, 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n');

describe('mail that leaves the tenant, in the admin view: body and attachments, bytes included', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let megan: MailClient;
  beforeEach(async () => {
    megan = await composeClient(t, MEGAN);
  });

  it('records what sendMail sent to an outsider: the body, each attachment with its type and size, and its bytes', async () => {
    const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
    const sent = await megan.graph('/me/sendMail', {
      method: 'POST',
      body: {
        message: {
          subject: 'Your booking: Intro call',
          body: { contentType: 'HTML', content: '<p>Join: <a href="https://teams.microsoft.com/l/meetup-join/x">Teams</a></p>' },
          toRecipients: [{ emailAddress: { address: GUEST } }],
          ccRecipients: [{ emailAddress: { address: ALEX } }],
          attachments: [
            { '@odata.type': '#microsoft.graph.fileAttachment', name: 'invite.ics', contentType: 'text/calendar; method=REQUEST', contentBytes: Buffer.from(ICS).toString('base64') },
            { '@odata.type': '#microsoft.graph.fileAttachment', name: 'logo.png', contentType: 'image/png', isInline: true, contentId: 'logo', contentBytes: logo.toString('base64') },
          ],
        },
      },
    });
    expect(sent.status).toBe(202);
    const listed = (await megan.admin('/outbound')).body.value as Json[];
    expect(listed).toHaveLength(1);
    const [record] = listed;
    expect(record).toMatchObject({
      id: expect.any(String), subject: 'Your booking: Intro call', to: [{ address: GUEST }], cc: [],
      body: { contentType: 'html', content: expect.stringContaining('https://teams.microsoft.com/l/meetup-join/x') },
      attachments: [
        { id: expect.any(String), name: 'invite.ics', contentType: 'text/calendar; method=REQUEST', size: Buffer.byteLength(ICS), isInline: false },
        { id: expect.any(String), name: 'logo.png', contentType: 'image/png', size: logo.length, isInline: true, contentId: 'logo' },
      ],
    });
    expect(record!.attachments[0].contentBytes).toBeUndefined();

    const one = await megan.admin(`/outbound/${record!.id}`);
    expect(Buffer.from(one.body.attachments[0].contentBytes, 'base64').toString()).toBe(ICS);
    const raw = await t.request(`/_admin/outbound/${record!.id}/attachments/${record!.attachments[1].id}/content`);
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await raw.arrayBuffer())).toEqual(logo);
    const ics = await t.request(`/_admin/outbound/${record!.id}/attachments/${record!.attachments[0].id}/content`);
    expect(await ics.text()).toBe(ICS);
    expect(ics.headers.get('content-disposition')).toContain('invite.ics');
    expect((await megan.admin(`/outbound/${record!.id}/attachments/99/content`)).status).toBe(404);
    expect((await megan.admin('/outbound/nope')).status).toBe(404);
    expect((await megan.admin(`/outbound?user=${ALEX}`)).body.value).toEqual([]);
    expect((await megan.admin(`/outbound?user=${MEGAN}`)).body.value).toHaveLength(1);
  });

  it('records a draft sent with an attachment added to it, and nothing for mail that stays inside the tenant', async () => {
    const draft = (await megan.graph('/me/messages', { method: 'POST', body: { subject: 'Updated booking', toRecipients: [{ emailAddress: { address: GUEST } }] } })).body;
    const added = await megan.graph(`/me/messages/${draft.id}/attachments`, {
      method: 'POST',
      body: { '@odata.type': '#microsoft.graph.fileAttachment', name: 'update.ics', contentType: 'text/calendar', contentBytes: Buffer.from(ICS).toString('base64') },
    });
    expect(added.status).toBe(201);
    expect((await megan.graph(`/me/messages/${draft.id}/send`, { method: 'POST' })).status).toBe(202);
    await megan.graph('/me/sendMail', { method: 'POST', body: { message: { subject: 'Internal', toRecipients: [{ emailAddress: { address: ALEX } }] } } });
    const listed = (await megan.admin('/outbound')).body.value as Json[];
    expect(listed.map((record) => record.subject)).toEqual(['Updated booking']);
    const full = (await megan.admin(`/outbound/${listed[0]!.id}`)).body;
    expect(full.attachments).toEqual([expect.objectContaining({ name: 'update.ics', contentType: 'text/calendar', size: Buffer.byteLength(ICS), contentBytes: Buffer.from(ICS).toString('base64') })]);
  });
});
