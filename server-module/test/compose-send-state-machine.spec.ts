import { connectMailbox, eventually, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { ComposeGraphFactory } from '../src/compose/compose-graph.factory.js';
import { ComposeJobs } from '../src/compose/compose.jobs.js';
import { OutgoingKind, OutgoingStatus, OutgoingStep, UPLOAD_CHUNK_BYTES } from '../src/compose/compose.constants.js';
import { OutgoingMessageRepository } from '../src/compose/outgoing-message.repository.js';
import { OutgoingSendMachine } from '../src/compose/outgoing-send.machine.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../src/graph/microsoft-graph.exception.js';
import { FakeComposeGraph, temporary, throttled, timeout } from './support/fake-compose-graph.js';

const USER = 'megan.bowen@contoso.com';
const MEMBER_ID_QUERY = `SELECT "id" FROM "workspaceMember" WHERE lower("userEmail") = $1`;
const OUTGOING_FIELDS = 'id status step subject bodyHtml toRecipients { address name } attachments { id name size status } savedToOutlook queuedUntil sentAt errorCode errorMessage';

/**
 * The send state machine on the real database, against a Graph mailbox with injected faults (FakeComposeGraph) until
 * the emulator has compose routes: every step persisted, resumable, and a message sent exactly once.
 */
describe('Compose: the persisted send state machine', () => {
  let host: TestHost;
  let mailbox: ConnectedMailbox;
  let memberId: string;
  let repository: OutgoingMessageRepository;
  let graph: FakeComposeGraph;
  let machine: OutgoingSendMachine;

  const newDraft = async (overrides: Partial<Parameters<OutgoingMessageRepository['create']>[0]> = {}) =>
    repository.create({
      workspaceId: mailbox.workspaceId, workspaceMemberId: memberId, connectedAccountId: mailbox.connectedAccountId, kind: OutgoingKind.NEW, sourceMessageExternalId: null,
      subject: 'Quarterly numbers', bodyHtml: '<p>Hello Lee</p>', toRecipients: [{ address: 'lee.gu@fabrikam.com', name: 'Lee Gu' }], ccRecipients: [], bccRecipients: [], ...overrides,
    });
  const requestSend = (id: string) => repository.update(id, { status: OutgoingStatus.SENDING, sendRequestedAt: new Date() });
  const count = (method: string) => graph.calls.filter((call) => call === method).length;

  beforeAll(async () => {
    host = await startTestHost();
    mailbox = await connectMailbox(host, host.client, USER, USER);
    [{ id: memberId }] = await host.dataSource.query(MEMBER_ID_QUERY, [USER]);
    repository = host.app.get(OutgoingMessageRepository);
  });

  beforeEach(() => {
    graph = new FakeComposeGraph();
    machine = new OutgoingSendMachine(repository, graph.factory());
    // The host's own machine (GraphQL, jobs, upload route) talks to the same fake mailbox.
    host.app.get(ComposeGraphFactory).forAccount = () => graph;
  });

  afterAll(async () => {
    await host?.close();
  });

  it('saves the Graph draft id before anything else: a timeout after the draft was made resumes without a second draft', async () => {
    const record = await newDraft({ kind: OutgoingKind.REPLY, sourceMessageExternalId: 'source-1', toRecipients: [] });
    graph.fail('updateDraft', timeout(), 'before');
    const first = await machine.saveDraft(mailbox.workspaceId, record.id);
    expect(first.kind).toBe('retry');
    const afterTimeout = (await repository.findById(record.id))!;
    expect(afterTimeout.graphDraftId).toBe([...graph.drafts.keys()][0]);
    expect(afterTimeout.step).toBe(OutgoingStep.DRAFT_CREATED);
    // Outlook chose the reply's recipient; the CRM keeps it.
    expect(afterTimeout.toRecipients).toEqual([{ address: 'lee.gu@fabrikam.com', name: 'Lee Gu' }]);

    const second = await machine.saveDraft(mailbox.workspaceId, record.id);
    expect(second.kind).toBe('done');
    expect(graph.drafts.size).toBe(1);
    expect(count('createReplyDraft')).toBe(1);
    const draft = [...graph.drafts.values()][0]!;
    expect(draft.content.bodyHtml).toBe('<p>Hello Lee</p><br><blockquote>original</blockquote>');
    expect((await repository.findById(record.id))!.step).toBe(OutgoingStep.CONTENT_SET);
  });

  it('a 5xx on draft creation leaves nothing at Outlook, and the retry makes exactly one draft', async () => {
    const record = await newDraft();
    graph.fail('createDraft', temporary(503));
    expect((await machine.saveDraft(mailbox.workspaceId, record.id)).kind).toBe('retry');
    expect((await repository.findById(record.id))!.graphDraftId).toBeNull();
    expect((await machine.saveDraft(mailbox.workspaceId, record.id)).kind).toBe('done');
    expect(graph.drafts.size).toBe(1);
    expect((await repository.findById(record.id))!.step).toBe(OutgoingStep.CONTENT_SET);
  });

  it('a send whose answer was lost after Outlook sent it is not sent again', async () => {
    const record = await newDraft();
    await requestSend(record.id);
    graph.fail('sendDraft', timeout(), 'after');
    const first = await machine.advance(mailbox.workspaceId, record.id);
    expect(first.kind).toBe('retry');
    expect((await repository.findById(record.id))!.status).toBe(OutgoingStatus.SENDING);

    const second = await machine.advance(mailbox.workspaceId, record.id);
    expect(second.kind).toBe('done');
    const sent = (await repository.findById(record.id))!;
    expect(sent.status).toBe(OutgoingStatus.SENT);
    expect(sent.step).toBe(OutgoingStep.SENT);
    expect(graph.sent).toHaveLength(1);
    expect(count('sendDraft')).toBe(1);
    // A third pass (a duplicate job) changes nothing.
    await machine.advance(mailbox.workspaceId, record.id);
    expect(graph.sent).toHaveLength(1);
  });

  it('a send that failed before Outlook took it is sent on the retry, once', async () => {
    const record = await newDraft();
    await requestSend(record.id);
    graph.fail('sendDraft', temporary(502), 'before');
    expect((await machine.advance(mailbox.workspaceId, record.id)).kind).toBe('retry');
    expect(graph.sent).toHaveLength(0);
    await machine.advance(mailbox.workspaceId, record.id);
    expect(graph.sent).toHaveLength(1);
    expect(count('createDraft')).toBe(1);
  });

  it("a killed worker's send: busy while its lease lives, then resumed from the persisted step by another worker", async () => {
    const record = await newDraft();
    await machine.saveDraft(mailbox.workspaceId, record.id);
    await requestSend(record.id);
    // The first worker took the lease and died before it could send.
    expect(await repository.lease(record.id)).not.toBeNull();
    expect((await machine.advance(mailbox.workspaceId, record.id)).kind).toBe('busy');
    expect(await repository.listResumable(100)).not.toContainEqual({ workspaceId: mailbox.workspaceId, id: record.id });

    await host.dataSource.query(`UPDATE "microsoftOutgoingMessage" SET "lockedUntil" = now() - interval '1 second' WHERE "id" = $1`, [record.id]);
    expect(await repository.listResumable(100)).toContainEqual({ workspaceId: mailbox.workspaceId, id: record.id });
    await machine.advance(mailbox.workspaceId, record.id);
    expect((await repository.findById(record.id))!.status).toBe(OutgoingStatus.SENT);
    expect(count('createDraft')).toBe(1);
    expect(graph.sent).toHaveLength(1);
  });

  it("queues a send Outlook throttles (429) with the time it goes, and sends it then", async () => {
    const record = await newDraft();
    await requestSend(record.id);
    graph.fail('sendDraft', throttled(45_000));
    const before = Date.now();
    const outcome = await machine.advance(mailbox.workspaceId, record.id);
    expect(outcome.kind).toBe('queued');
    const queued = (await repository.findById(record.id))!;
    expect(queued.status).toBe(OutgoingStatus.QUEUED);
    expect(queued.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 45_000);
    expect(await repository.listResumable(100)).not.toContainEqual({ workspaceId: mailbox.workspaceId, id: record.id });

    await machine.advance(mailbox.workspaceId, record.id);
    expect((await repository.findById(record.id))!.status).toBe(OutgoingStatus.SENT);
    expect(graph.sent).toHaveLength(1);
  });

  it("stops with a clear error at Outlook's daily sending limit, the draft kept", async () => {
    const record = await newDraft();
    await requestSend(record.id);
    graph.fail('sendDraft', new MicrosoftGraphException(MicrosoftGraphErrorKind.UNKNOWN, 'ErrorSubmissionQuotaExceeded: quota', 403, 'ErrorSubmissionQuotaExceeded'));
    await machine.advance(mailbox.workspaceId, record.id);
    const failed = (await repository.findById(record.id))!;
    expect(failed.status).toBe(OutgoingStatus.FAILED);
    expect(failed.lastErrorCode).toBe('DAILY_LIMIT');
    expect(failed.lastError).toMatch(/daily sending limit/);
    expect(graph.drafts.has(failed.graphDraftId!)).toBe(true);
  });

  it('does not overwrite a draft edited in Outlook meanwhile: CONFLICT until the member keeps their version', async () => {
    const record = await newDraft();
    await machine.saveDraft(mailbox.workspaceId, record.id);
    const draftId = (await repository.findById(record.id))!.graphDraftId!;
    graph.editInOutlook(draftId, 'Edited in Outlook');
    await repository.setContent(record.id, { subject: 'Edited in the CRM', bodyHtml: '<p>v2</p>', toRecipients: record.toRecipients, ccRecipients: [], bccRecipients: [] });
    await machine.saveDraft(mailbox.workspaceId, record.id);
    const conflict = (await repository.findById(record.id))!;
    expect(conflict.status).toBe(OutgoingStatus.CONFLICT);
    expect(graph.drafts.get(draftId)!.content.subject).toBe('Edited in Outlook');

    await machine.saveDraft(mailbox.workspaceId, record.id, { overwrite: true });
    expect(graph.drafts.get(draftId)!.content.subject).toBe('Edited in the CRM');
    expect((await repository.findById(record.id))!.status).toBe(OutgoingStatus.DRAFT);
  });

  it('makes a draft deleted in Outlook again from the CRM copy, so the text is not lost', async () => {
    const record = await newDraft();
    await machine.saveDraft(mailbox.workspaceId, record.id);
    graph.drafts.clear();
    await repository.setContent(record.id, { subject: 'Still here', bodyHtml: '<p>kept</p>', toRecipients: record.toRecipients, ccRecipients: [], bccRecipients: [] });
    await machine.saveDraft(mailbox.workspaceId, record.id);
    const again = (await repository.findById(record.id))!;
    expect(graph.drafts.get(again.graphDraftId!)!.content.subject).toBe('Still here');
    expect(again.status).toBe(OutgoingStatus.DRAFT);
  });

  it('sendMicrosoftDraft answers SENDING, and the BullMQ job sends it exactly once', async () => {
    const created = await host.client.graphql(`mutation ($a: ID!, $i: MicrosoftDraftInput!) { createMicrosoftDraft(connectedAccountId: $a, input: $i) { ${OUTGOING_FIELDS} } }`, {
      a: mailbox.connectedAccountId,
      i: { subject: 'Via the job', bodyHtml: '<p>hi</p>', to: [{ address: 'lee.gu@fabrikam.com' }] },
    });
    expect(created.errors).toBeUndefined();
    expect(created.data.createMicrosoftDraft).toMatchObject({ status: 'DRAFT', savedToOutlook: true });
    const id = created.data.createMicrosoftDraft.id;
    graph.fail('sendDraft', temporary(503));
    const sending = await host.client.graphql(`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { ${OUTGOING_FIELDS} } }`, { id });
    expect(sending.data.sendMicrosoftDraft.status).toBe('SENDING');
    await eventually(async () => (await repository.findById(id))!.status === OutgoingStatus.SENT, 20_000, 'the send job sent it');
    expect(graph.sent.map((message) => message.content.subject)).toEqual(['Via the job']);
    // Sending again is a no-op, never a second message.
    await host.client.graphql(`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { id } }`, { id });
    await host.app.get(ComposeJobs).resumeDue();
    expect(graph.sent).toHaveLength(1);
  });

  it('streams attachments: inline under 3 MB, an upload session in 320 KiB-multiple chunks under 4 MB above; refused before upload over the limits', async () => {
    const created = await host.client.graphql(`mutation ($a: ID!, $i: MicrosoftDraftInput!) { createMicrosoftDraft(connectedAccountId: $a, input: $i) { id } }`, {
      a: mailbox.connectedAccountId,
      i: { subject: 'Files', to: [{ address: 'lee.gu@fabrikam.com' }] },
    });
    const id = created.data.createMicrosoftDraft.id;
    const put = (name: string, body: string, size = body.length) =>
      host.client.request('PUT', `/microsoft/compose/drafts/${id}/attachments?name=${encodeURIComponent(name)}&size=${size}`, { body, headers: { 'content-type': 'application/octet-stream' } });

    const small = await put('notes.txt', 'x'.repeat(1000));
    expect(small.status).toBe(201);
    expect(count('addInlineAttachment')).toBe(1);

    const large = 9 * 1024 * 1024 + 123;
    const big = await put('deck.pdf', 'y'.repeat(large));
    expect(big.status).toBe(201);
    expect(graph.chunks.map((chunk) => chunk.length).reduce((a, b) => a + b, 0)).toBe(large);
    for (const chunk of graph.chunks.slice(0, -1)) {
      expect(chunk.length).toBe(UPLOAD_CHUNK_BYTES);
      expect(chunk.length % (320 * 1024)).toBe(0);
      expect(chunk.length).toBeLessThan(4 * 1024 * 1024);
    }

    const tooBig = await put('video.mp4', '', 151 * 1024 * 1024);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json<{ message: string }>().message).toMatch(/150 MB/);
    const overMessage = await put('archive.zip', '', 30 * 1024 * 1024);
    expect(overMessage.status).toBe(413);
    expect(overMessage.json<{ message: string }>().message).toMatch(/35 MB message limit/);
    expect(count('createUploadSession')).toBe(1);

    const view = await host.client.graphql(`query ($id: ID!) { microsoftOutgoingMessage(id: $id) { ${OUTGOING_FIELDS} } }`, { id });
    expect(view.data.microsoftOutgoingMessage.attachments.map((a: { name: string; status: string }) => [a.name, a.status])).toEqual([['notes.txt', 'UPLOADED'], ['deck.pdf', 'UPLOADED']]);
    // The attachments moved the draft's changeKey; the CRM's next save is not mistaken for a conflict.
    const saved = await host.client.graphql(`mutation ($id: ID!, $i: MicrosoftDraftInput!) { updateMicrosoftDraft(id: $id, input: $i) { status savedToOutlook } }`, { id, i: { subject: 'Files, v2' } });
    expect(saved.data.updateMicrosoftDraft).toEqual({ status: 'DRAFT', savedToOutlook: true });
  });

  it('refuses to send while an attachment has not finished uploading', async () => {
    const created = await host.client.graphql(`mutation ($a: ID!, $i: MicrosoftDraftInput!) { createMicrosoftDraft(connectedAccountId: $a, input: $i) { id } }`, {
      a: mailbox.connectedAccountId,
      i: { subject: 'Half uploaded', to: [{ address: 'lee.gu@fabrikam.com' }] },
    });
    const id = created.data.createMicrosoftDraft.id;
    await repository.addAttachment({ outgoingMessageId: id, workspaceId: mailbox.workspaceId, name: 'big.iso', contentType: 'application/octet-stream', size: 5_000_000 });
    const send = await host.client.graphql(`mutation ($id: ID!) { sendMicrosoftDraft(id: $id) { id } }`, { id });
    expect(send.errors?.[0]).toMatchObject({ message: expect.stringContaining('big.iso'), extensions: { code: 'ATTACHMENTS_PENDING' } });
    expect((await repository.findById(id))!.status).toBe(OutgoingStatus.DRAFT);
  });
});
