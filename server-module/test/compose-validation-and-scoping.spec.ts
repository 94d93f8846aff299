import { connectMailbox, connectMicrosoftAccount, startTestHost, waitForMailSync, type ConnectedMailbox, type TestHost, type TestHttpClient } from '../../test-support/index.js';
import { assertAttachmentFits } from '../src/compose/attachment-upload.service.js';
import { isValidAddress, normalizeRecipients } from '../src/compose/compose-address.validator.js';
import { sanitizeMailHtml } from '../src/compose/compose-html.sanitizer.js';
import { ComposeGraphFactory } from '../src/compose/compose-graph.factory.js';
import { DEFAULT_MESSAGE_LIMIT_BYTES } from '../src/compose/compose.constants.js';
import { ComposeException } from '../src/compose/compose.exception.js';
import { FakeComposeGraph } from './support/fake-compose-graph.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const MB = 1024 * 1024;
const CREATE = `mutation ($a: ID!, $i: MicrosoftDraftInput!) { createMicrosoftDraft(connectedAccountId: $a, input: $i) { id status bodyHtml subject toRecipients { address name } } }`;

describe('Compose input: addresses, HTML and attachment limits', () => {
  it('accepts real addresses and names the first bad one', () => {
    for (const good of ['lee.gu@fabrikam.com', 'first.last+tag@sub.example.co.uk', "o'brien@example.ie"]) expect(isValidAddress(good)).toBe(true);
    for (const bad of ['lee.gu@fabrikam', 'no-at-sign', '@example.com', 'two@@example.com', 'space in@example.com', 'dot.@example.com', 'x@-bad.com', 'x@example.123']) expect(isValidAddress(bad)).toBe(false);
    expect(() => normalizeRecipients('Cc', [{ address: 'ok@example.com' }, { address: 'broken@' }])).toThrow('"broken@" in Cc is not a valid email address.');
    expect(normalizeRecipients('To', [{ address: ' Lee.Gu@fabrikam.com ', name: ' Lee ' }, { address: 'lee.gu@FABRIKAM.com' }])).toEqual([{ address: 'Lee.Gu@fabrikam.com', name: 'Lee' }]);
  });

  it('sanitises HTML bodies: formatting and links stay, scripts, handlers and javascript: URLs go', () => {
    const clean = sanitizeMailHtml(
      '<p onclick="steal()">Hi <b>Lee</b> <a href="javascript:alert(1)">x</a> <a href="https://contoso.com">site</a></p><script>alert(1)</script><img src="https://contoso.com/a.png" onerror="x()"><style>p{}</style><iframe src="https://evil"></iframe><ul><li>one</li></ul>',
    );
    expect(clean).toBe('<p>Hi <b>Lee</b> <a rel="noopener noreferrer">x</a> <a href="https://contoso.com" rel="noopener noreferrer">site</a></p><img src="https://contoso.com/a.png" /><ul><li>one</li></ul>');
  });

  it('refuses attachments over 150 MB or over the message limit, naming the limit, before any upload', () => {
    const refused = (size: number, already = 0) => {
      try {
        assertAttachmentFits({ name: 'file.bin', size, contentType: 'application/octet-stream' }, already, DEFAULT_MESSAGE_LIMIT_BYTES);
        return null;
      } catch (error) {
        return (error as ComposeException).message;
      }
    };
    expect(refused(151 * MB)).toMatch(/up to 150 MB/);
    expect(refused(20 * MB, 20 * MB)).toMatch(/over this mailbox's 35 MB message limit/);
    expect(refused(20 * MB, 10 * MB)).toBeNull();
    expect(() => assertAttachmentFits({ name: '../etc/passwd', size: 1, contentType: 'text/plain' }, 0, DEFAULT_MESSAGE_LIMIT_BYTES)).toThrow('not a file name Outlook accepts');
  });
});

describe("Compose scoping: a member's own accounts, and the scopes they granted", () => {
  let host: TestHost;
  let megan: ConnectedMailbox;
  let alex: TestHttpClient;
  let alexAccountId: string;
  let graph: FakeComposeGraph;

  beforeAll(async () => {
    host = await startTestHost();
    const mail = host.emulator!.store.mail;
    const first = mail.deliverMessage(MEGAN, { from: 'lee.gu@fabrikam.com', to: [MEGAN], subject: 'Only in Megan’s mailbox' });
    mail.deliverMessage(MEGAN, { from: 'lee.gu@fabrikam.com', to: [MEGAN], inReplyTo: first.id });
    megan = await connectMailbox(host, host.client, MEGAN, MEGAN);
    alex = host.newClient();
    await alex.signIn(ALEX, 'demo-password');
    const callback = await connectMicrosoftAccount(alex, host.emulator!.caCertPem, { account: ALEX, untick: ['Mail.Send'] });
    alexAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    const [channel] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [alexAccountId]);
    await waitForMailSync(host.dataSource, channel.id);
    graph = new FakeComposeGraph();
    host.app.get(ComposeGraphFactory).forAccount = () => graph;
  });

  afterAll(async () => {
    await host?.close();
  });

  const outgoingCount = async () => Number((await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftOutgoingMessage"`))[0].c);

  it('names the bad address and creates nothing', async () => {
    const before = await outgoingCount();
    const result = await host.client.graphql(CREATE, { a: megan.connectedAccountId, i: { subject: 'x', to: [{ address: 'lee.gu@fabrikam.com' }, { address: 'lee.gu@fabrikam' }] } });
    expect(result.errors?.[0]).toMatchObject({ message: '"lee.gu@fabrikam" in To is not a valid email address.', extensions: { code: 'INVALID_ADDRESS' } });
    expect(await outgoingCount()).toBe(before);
    expect(graph.drafts.size).toBe(0);
  });

  it('sanitises the body before it reaches Outlook', async () => {
    const result = await host.client.graphql(CREATE, { a: megan.connectedAccountId, i: { subject: 'Hi\r\nBcc: x@evil.com', bodyHtml: '<p>Hello <img src=x onerror=alert(1)><script>alert(1)</script></p>', to: [{ address: 'lee.gu@fabrikam.com' }] } });
    expect(result.errors).toBeUndefined();
    expect(result.data.createMicrosoftDraft).toMatchObject({ status: 'DRAFT', bodyHtml: '<p>Hello <img src="x" /></p>', subject: 'Hi Bcc: x@evil.com' });
    const [draft] = [...graph.drafts.values()];
    expect(draft!.content.bodyHtml).toBe('<p>Hello <img src="x" /></p>');
  });

  it("keeps another member out of a draft: not found for reading, editing, sending, discarding and attaching", async () => {
    const created = await host.client.graphql(CREATE, { a: megan.connectedAccountId, i: { subject: 'Private', to: [{ address: 'lee.gu@fabrikam.com' }] } });
    const id = created.data.createMicrosoftDraft.id;
    for (const [query, variables] of [
      [`query ($id: ID!) { microsoftOutgoingMessage(id: $id) { id } }`, { id }],
      [`mutation ($id: ID!) { updateMicrosoftDraft(id: $id, input: { subject: "hijacked" }) { id } }`, { id }],
      [`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { id } }`, { id }],
      [`mutation ($id: ID!) { discardMicrosoftDraft(id: $id) { id } }`, { id }],
    ] as const) {
      const result = await alex.graphql(query, variables);
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const attach = await alex.request('PUT', `/microsoft/compose/drafts/${id}/attachments?name=a.txt&size=3`, { body: 'abc', headers: { 'content-type': 'application/octet-stream' } });
    expect(attach.status).toBe(404);
    const mine = await host.client.graphql(`query ($id: ID!) { microsoftOutgoingMessage(id: $id) { subject status attachments { id } } }`, { id });
    expect(mine.data.microsoftOutgoingMessage).toEqual({ subject: 'Private', status: 'DRAFT', attachments: [] });
    expect(graph.sent).toHaveLength(0);
  });

  it("refuses a draft on another member's account, and a reply to a message of their mailbox", async () => {
    const onMegans = await alex.graphql(CREATE, { a: megan.connectedAccountId, i: { subject: 'x', to: [{ address: 'lee.gu@fabrikam.com' }] } });
    expect(onMegans.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const [{ messageId }] = await host.dataSource.query(`SELECT "messageId" FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1 LIMIT 1`, [megan.messageChannelId]);
    const reply = await alex.graphql(`mutation ($m: ID!) { createMicrosoftResponseDraft(messageId: $m, kind: REPLY) { id } }`, { m: messageId });
    expect(reply.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const ownReply = await host.client.graphql(`mutation ($m: ID!) { createMicrosoftResponseDraft(messageId: $m, kind: REPLY_ALL) { id kind status toRecipients { address } } }`, { m: messageId });
    expect(ownReply.errors).toBeUndefined();
    expect(ownReply.data.createMicrosoftResponseDraft).toMatchObject({ kind: 'REPLY_ALL', status: 'DRAFT' });
  });

  it('without Mail.Send: compose is disabled with "Reconnect to allow sending"; mail management still follows Mail.ReadWrite', async () => {
    const capabilities = await alex.graphql(`{ microsoftComposeCapabilities { connectedAccountId canSend canManageMail sendUnavailableReason } }`);
    expect(capabilities.data.microsoftComposeCapabilities).toEqual([{ connectedAccountId: alexAccountId, canSend: false, canManageMail: true, sendUnavailableReason: 'Reconnect to allow sending' }]);
    const refused = await alex.graphql(CREATE, { a: alexAccountId, i: { subject: 'x', to: [{ address: 'lee.gu@fabrikam.com' }] } });
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringContaining('Reconnect to allow sending'), extensions: { code: 'SEND_NOT_GRANTED' } });
    const meganCapabilities = await host.client.graphql(`{ microsoftComposeCapabilities { canSend canManageMail sendUnavailableReason } }`);
    expect(meganCapabilities.data.microsoftComposeCapabilities).toEqual([{ canSend: true, canManageMail: true, sendUnavailableReason: null }]);
  });

  it("disconnecting deletes the account's drafts' local state", async () => {
    const created = await host.client.graphql(CREATE, { a: megan.connectedAccountId, i: { subject: 'Going away', to: [{ address: 'lee.gu@fabrikam.com' }] } });
    expect(created.errors).toBeUndefined();
    const result = await host.client.graphql(`mutation ($id: ID!) { disconnectMicrosoftAccount(connectedAccountId: $id) }`, { id: megan.connectedAccountId });
    expect(result.errors).toBeUndefined();
    const [{ c }] = await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftOutgoingMessage" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]);
    expect(c).toBe(0);
    const [{ s }] = await host.dataSource.query(`SELECT count(*)::int AS s FROM "microsoftMessageMailState" WHERE "messageChannelId" = $1`, [megan.messageChannelId]);
    expect(s).toBe(0);
  });
});
