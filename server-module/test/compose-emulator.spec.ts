import { readFileSync } from 'node:fs';
import { MailSyncService } from '@m365/server-module';
import { connectMailbox, eventually, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { OutgoingStatus } from '../src/compose/compose.constants.js';
import { OutgoingMessageRepository } from '../src/compose/outgoing-message.repository.js';
import { OutgoingSendMachine } from '../src/compose/outgoing-send.machine.js';

const MEGAN = 'megan.bowen@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const ALEX = 'alex.wilber@contoso.com';
const FIELDS = 'id kind status step subject toRecipients { address } ccRecipients { address } savedToOutlook queuedUntil sentAt errorCode errorMessage';
// The emulator answers attachment uploads 501 until it has them; these cases then run by themselves.
const EMULATOR_HAS_UPLOAD_SESSIONS = !readFileSync(new URL('../../graph-emulator/src/graph/graph-routes.ts', import.meta.url), 'utf8').includes("lacking('upload sessions");

/** Compose end to end: the plugin against the emulator's drafts, send, replies and limits over HTTPS, real PostgreSQL and Redis. */
describe('Compose against the emulator: drafts, sends, replies, exactly once, Outlook’s limits', () => {
  let host: TestHost;
  let mailbox: ConnectedMailbox;
  let repository: OutgoingMessageRepository;
  const mail = () => host.emulator!.store.mail;
  const outbound = () => host.emulator!.store.outbound;

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const result = await host.client.graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const createDraft = async (subject: string, to = [LEE]) =>
    (await gql(`mutation ($a: ID!, $i: MicrosoftDraftInput!) { createMicrosoftDraft(connectedAccountId: $a, input: $i) { ${FIELDS} } }`, {
      a: mailbox.connectedAccountId,
      i: { subject, bodyHtml: `<p>${subject}</p>`, to: to.map((address) => ({ address })) },
    })).createMicrosoftDraft;
  const send = async (id: string) => (await gql(`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { ${FIELDS} } }`, { id })).sendMicrosoftDraft;
  const waitStatus = (id: string, status: OutgoingStatus, timeoutMs = 20_000) => eventually(async () => (await repository.findById(id))!.status === status, timeoutMs, `outgoing ${id} ${status}`);
  const inFolder = (user: string, folder: string, subject: string) => mail().listMessages(user, folder).filter((message) => message.subject === subject);
  const crmMessages = async (subject: string) =>
    host.dataSource.query(
      `SELECT m."id", m."messageThreadId" FROM "message" m JOIN "messageChannelMessageAssociation" a ON a."messageId" = m."id" WHERE a."messageChannelId" = $1 AND m."subject" = $2`,
      [mailbox.messageChannelId, subject],
    );
  const syncNow = async () => {
    const sync = host.app.get(MailSyncService);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      if ((await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId, {})) !== 'busy') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('channel stayed busy');
  };

  beforeAll(async () => {
    host = await startTestHost();
    const first = mail().deliverMessage(MEGAN, { from: LEE, to: [MEGAN], cc: [ALEX], subject: 'Contract review', body: 'Please review.' });
    mail().deliverMessage(MEGAN, { from: LEE, to: [MEGAN], cc: [ALEX], inReplyTo: first.id, body: 'Any thoughts?' });
    mailbox = await connectMailbox(host, host.client, MEGAN, MEGAN);
    repository = host.app.get(OutgoingMessageRepository);
  });

  afterEach(() => {
    host.emulator!.store.subscriptions.updateSettings({ dropRate: 0 });
    mail().updateSettings({ faults: { failureRate: 0, lostAnswerRate: 0 } });
    outbound().updateSettings({ messagesPerMinute: 30, recipientsPerDay: 10_000 });
  });

  afterAll(async () => {
    await host?.close();
  });

  it('keeps the draft in Outlook Drafts, sends it once, and the CRM gets it only through the import of Sent Items', async () => {
    const draft = await createDraft('Pricing for 2027');
    expect(draft).toMatchObject({ status: 'DRAFT', savedToOutlook: true });
    const { graphDraftId } = (await repository.findById(draft.id))!;
    expect(mail().getMessage(MEGAN, graphDraftId!)).toMatchObject({ isDraft: true, subject: 'Pricing for 2027' });

    const edited = await gql(`mutation ($id: ID!, $i: MicrosoftDraftInput!) { updateMicrosoftDraft(id: $id, input: $i) { ${FIELDS} } }`, { id: draft.id, i: { subject: 'Pricing for 2027, revised' } });
    expect(edited.updateMicrosoftDraft).toMatchObject({ savedToOutlook: true, subject: 'Pricing for 2027, revised' });
    expect(mail().getMessage(MEGAN, graphDraftId!)!.subject).toBe('Pricing for 2027, revised');

    // Notifications dropped from here: a push pass would import the Sent Items copy before the check that none was
    // made locally, and this test's own passes show the import.
    host.emulator!.store.subscriptions.updateSettings({ dropRate: 1 });
    expect((await send(draft.id)).status).toBe('SENDING');
    await waitStatus(draft.id, OutgoingStatus.SENT);
    expect(inFolder(MEGAN, 'sentitems', 'Pricing for 2027, revised')).toHaveLength(1);
    expect(inFolder(MEGAN, 'drafts', 'Pricing for 2027, revised')).toHaveLength(0);
    expect(inFolder(LEE, 'inbox', 'Pricing for 2027, revised')).toHaveLength(1);

    // No row is made locally: the thread gets the Sent Items copy through the import, once.
    expect(await crmMessages('Pricing for 2027, revised')).toHaveLength(0);
    await syncNow();
    expect(await crmMessages('Pricing for 2027, revised')).toHaveLength(1);
    await syncNow();
    expect(await crmMessages('Pricing for 2027, revised')).toHaveLength(1);
  });

  it('replies all from a thread message with the recipients Outlook chose, into the same CRM thread', async () => {
    const [source] = await crmMessages('Contract review');
    const created = await gql(`mutation ($m: ID!) { createMicrosoftResponseDraft(messageId: $m, kind: REPLY_ALL, input: { bodyHtml: "<p>Looks good to me.</p>" }) { ${FIELDS} } }`, { m: source.id });
    const reply = created.createMicrosoftResponseDraft;
    expect(reply.kind).toBe('REPLY_ALL');
    expect(reply.toRecipients.map((r: { address: string }) => r.address.toLowerCase())).toEqual([LEE]);
    expect(reply.ccRecipients.map((r: { address: string }) => r.address.toLowerCase())).toEqual([ALEX]);
    await send(reply.id);
    await waitStatus(reply.id, OutgoingStatus.SENT);
    const [sent] = inFolder(MEGAN, 'sentitems', reply.subject);
    expect(sent).toBeDefined();
    expect(inFolder(ALEX, 'inbox', reply.subject)).toHaveLength(1);

    await syncNow();
    const threadMessages = await host.dataSource.query(`SELECT count(*)::int AS c FROM "message" WHERE "messageThreadId" = $1`, [source.messageThreadId]);
    expect(threadMessages[0].c).toBe(3);
  });

  it('forwards a thread message to someone new', async () => {
    const [source] = await crmMessages('Contract review');
    const created = await gql(`mutation ($m: ID!) { createMicrosoftResponseDraft(messageId: $m, kind: FORWARD, input: { to: [{ address: "${ALEX}" }], bodyHtml: "<p>FYI</p>" }) { ${FIELDS} } }`, { m: source.id });
    await send(created.createMicrosoftResponseDraft.id);
    await waitStatus(created.createMicrosoftResponseDraft.id, OutgoingStatus.SENT);
    expect(inFolder(ALEX, 'inbox', created.createMicrosoftResponseDraft.subject).length).toBeGreaterThanOrEqual(1);
  });

  it('shows the quoted original of a reply apart from what the member writes, and sends it once, below', async () => {
    const [source] = await crmMessages('Contract review');
    const created = await gql(`mutation ($m: ID!) { createMicrosoftResponseDraft(messageId: $m, kind: REPLY, input: { bodyHtml: "<p>First thought.</p>" }) { id quotedBodyHtml bodyHtml subject } }`, { m: source.id });
    const reply = created.createMicrosoftResponseDraft;
    expect(reply.bodyHtml).toBe('<p>First thought.</p>');
    expect(reply.quotedBodyHtml).toContain('Please review.');
    expect(reply.quotedBodyHtml).toContain('<b>From:</b>');
    expect(reply.quotedBodyHtml).not.toContain('First thought.');
    expect(reply.quotedBodyHtml).not.toMatch(/<(html|body|script)/i);
    // Saved again and again: the original is never quoted twice.
    for (const text of ['Second thought.', 'Final thought.']) {
      await gql(`mutation ($id: ID!, $i: MicrosoftDraftInput!) { updateMicrosoftDraft(id: $id, input: $i) { id } }`, { id: reply.id, i: { bodyHtml: `<p>${text}</p>` } });
    }
    await send(reply.id);
    await waitStatus(reply.id, OutgoingStatus.SENT);
    const [sent] = inFolder(MEGAN, 'sentitems', reply.subject).filter((message) => message.body('html').content.includes('Final thought.'));
    const html = sent!.body('html').content;
    expect(html.split('Please review.')).toHaveLength(2);
    expect(html.split('Final thought.')).toHaveLength(2);
    expect(html).not.toContain('First thought.');
    expect(html.indexOf('Final thought.')).toBeLessThan(html.indexOf('Please review.'));
    expect(html.match(/<body/gi)).toHaveLength(1);
  });

  it('sends each message exactly once while a third of Graph calls fail with 5xx', async () => {
    const drafts: Array<{ id: string }> = [];
    for (let index = 0; index < 6; index += 1) drafts.push(await createDraft(`Under faults ${index}`));
    mail().updateSettings({ faults: { failureRate: 0.3, statuses: [500, 502, 503] } });
    for (const draft of drafts) {
      const answer = await host.client.graphql(`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { status } }`, { id: draft.id });
      expect(answer.errors).toBeUndefined();
    }
    await eventually(async () => {
      const rows = await Promise.all(drafts.map((draft) => repository.findById(draft.id)));
      // A send that failed over and over stays in Drafts as FAILED; press Send again (as the member would).
      for (const row of rows) if (row!.status === OutgoingStatus.FAILED) await host.client.graphql(`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { status } }`, { id: row!.id });
      return rows.every((row) => row!.status === OutgoingStatus.SENT);
    }, 150_000, 'all sent');
    mail().updateSettings({ faults: { failureRate: 0 } });
    for (let index = 0; index < 6; index += 1) expect(inFolder(MEGAN, 'sentitems', `Under faults ${index}`)).toHaveLength(1);
    // Each refused call waits out its retry backoff: on a loaded machine six sends can take more than a minute.
  }, 180_000);

  it.each(['reset', 'timeout'] as const)('a send Outlook performed but whose answer was lost (%s) is recognised as sent: once, no draft left', async (mode) => {
    const subject = `Answer lost (${mode})`;
    const draft = await createDraft(subject, [LEE, ALEX]);
    mail().updateSettings({ faults: { lostAnswerRate: 1, lostAnswerRoutes: ['message-send'], lostAnswerMode: mode, lostAnswerHoldMs: 300 } });
    await send(draft.id);
    await waitStatus(draft.id, OutgoingStatus.SENT, 30_000);
    mail().updateSettings({ faults: { lostAnswerRate: 0 } });
    const row = (await repository.findById(draft.id))!;
    expect(row.sendAttemptedAt).not.toBeNull();
    expect(host.emulator!.store.outlookLimits.getRequestCounters().reduce((sum, counter) => sum + (counter.lostAnswers ?? 0), 0)).toBeGreaterThanOrEqual(1);
    expect(inFolder(MEGAN, 'sentitems', subject)).toHaveLength(1);
    expect(inFolder(MEGAN, 'drafts', subject)).toHaveLength(0);
    expect(inFolder(LEE, 'inbox', subject)).toHaveLength(1);
    expect(inFolder(ALEX, 'inbox', subject)).toHaveLength(1);
  });

  it.each([
    ['a new message', 'user-post-messages'],
    ['a reply', 'message-createreply'],
  ] as const)('a draft Outlook created whose answer was lost (%s) is found again by its marker: one draft, sent once', async (what, route) => {
    const subject = `Draft answer lost: ${what}`;
    const drafts = () => mail().listMessages(MEGAN, 'drafts').length;
    const draftsBefore = drafts();
    mail().updateSettings({ faults: { lostAnswerRate: 1, lostAnswerRoutes: [route], lostAnswerMode: 'reset' } });
    let draft: { id: string; subject: string };
    if (route === 'user-post-messages') {
      draft = await createDraft(subject);
    } else {
      const [source] = await crmMessages('Contract review');
      draft = (await gql(`mutation ($m: ID!, $s: String!) { createMicrosoftResponseDraft(messageId: $m, kind: REPLY, input: { subject: $s, bodyHtml: "<p>On it.</p>" }) { ${FIELDS} } }`, { m: source.id, s: subject })).createMicrosoftResponseDraft;
    }
    // The creation reached Outlook; its answer did not, so the CRM row has no draft id yet.
    await eventually(async () => drafts() === draftsBefore + 1, 10_000, 'the draft is in Outlook');
    expect((await repository.findById(draft.id))!.graphDraftId).toBeNull();
    mail().updateSettings({ faults: { lostAnswerRate: 0 } });
    // The next save (the member types on) or the send adopts that draft, with Outlook's recipients for a reply.
    if (route === 'message-createreply') {
      const saved = (await gql(`mutation ($id: ID!) { updateMicrosoftDraft(id: $id, input: { bodyHtml: "<p>On it.</p>" }) { ${FIELDS} } }`, { id: draft.id })).updateMicrosoftDraft;
      expect(saved).toMatchObject({ savedToOutlook: true, toRecipients: [{ address: LEE }] });
      expect(drafts()).toBe(draftsBefore + 1);
    }
    await send(draft.id);
    await waitStatus(draft.id, OutgoingStatus.SENT, 30_000);
    expect(drafts()).toBe(draftsBefore);
    expect(inFolder(MEGAN, 'sentitems', subject)).toHaveLength(1);
    expect(inFolder(LEE, 'inbox', subject)).toHaveLength(1);
    // The adopted draft got the member's latest content before it went.
    expect(inFolder(LEE, 'inbox', subject)[0]!.body('html').content).toContain(route === 'user-post-messages' ? `<p>${subject}</p>` : '<p>On it.</p>');
  });

  it("queues a send over Outlook's per-minute limit with the time it goes; the daily limit is a clear error", async () => {
    outbound().updateSettings({ messagesPerMinute: 1 });
    const first = await createDraft('Minute one');
    await send(first.id);
    // Within the minute of the sends above, this one may already wait its turn.
    await eventually(async () => [OutgoingStatus.SENT, OutgoingStatus.QUEUED].includes((await repository.findById(first.id))!.status), 20_000, 'first send answered');
    const second = await createDraft('Minute two');
    await send(second.id);
    await waitStatus(second.id, OutgoingStatus.QUEUED);
    const queued = (await gql(`query ($id: ID!) { microsoftOutgoingMessage(id: $id) { ${FIELDS} } }`, { id: second.id })).microsoftOutgoingMessage;
    expect(new Date(queued.queuedUntil).getTime()).toBeGreaterThan(Date.now());
    expect(inFolder(MEGAN, 'sentitems', 'Minute two')).toHaveLength(0);

    outbound().updateSettings({ messagesPerMinute: 30 });
    await host.app.get(OutgoingSendMachine).advance(mailbox.workspaceId, second.id);
    expect((await repository.findById(second.id))!.status).toBe(OutgoingStatus.SENT);
    expect(inFolder(MEGAN, 'sentitems', 'Minute two')).toHaveLength(1);

    outbound().updateSettings({ recipientsPerDay: 1 });
    const third = await createDraft('Over the day', [LEE, ALEX]);
    await send(third.id);
    await waitStatus(third.id, OutgoingStatus.FAILED);
    const failed = (await gql(`query ($id: ID!) { microsoftOutgoingMessage(id: $id) { ${FIELDS} } }`, { id: third.id })).microsoftOutgoingMessage;
    expect(failed).toMatchObject({ errorCode: 'DAILY_LIMIT', errorMessage: expect.stringContaining('daily sending limit') });
    expect(inFolder(MEGAN, 'drafts', 'Over the day')).toHaveLength(1);
  });

  (EMULATOR_HAS_UPLOAD_SESSIONS ? it : it.skip)('attaches a small file inline and a large one through an upload session, and sends both', async () => {
    const draft = await createDraft('With a deck');
    const put = (name: string, body: string) =>
      host.client.request('PUT', `/microsoft/compose/drafts/${draft.id}/attachments?name=${name}&size=${body.length}`, { body, headers: { 'content-type': 'application/octet-stream' } });
    expect((await put('notes.txt', 'n'.repeat(2048))).status).toBe(201);
    expect((await put('deck.pdf', 'z'.repeat(5 * 1024 * 1024 + 11))).status).toBe(201);
    const view = await gql(`query ($id: ID!) { microsoftOutgoingMessage(id: $id) { attachments { name size status } } }`, { id: draft.id });
    expect(view.microsoftOutgoingMessage.attachments).toEqual([
      { name: 'notes.txt', size: 2048, status: 'UPLOADED' },
      { name: 'deck.pdf', size: 5 * 1024 * 1024 + 11, status: 'UPLOADED' },
    ]);
    await send(draft.id);
    await waitStatus(draft.id, OutgoingStatus.SENT);
    const [sent] = inFolder(MEGAN, 'sentitems', 'With a deck');
    expect(sent!.hasAttachments).toBe(true);
    const [received] = inFolder(LEE, 'inbox', 'With a deck');
    expect(received!.hasAttachments).toBe(true);
  });
});
