import { MailSyncService } from '@m365/server-module';
import { connectMailbox, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';
import { MessageMailStateRepository } from '../src/compose/message-mail-state.repository.js';

const USER = 'megan.bowen@contoso.com';
const STATE_FIELDS = 'messageThreadId canManage connectedAccountId canSend messageCount unreadCount isRead';

interface ThreadRow {
  threadId: string;
  externalIds: string[];
}

/** Mark read / unread and Archive on a thread, against the emulator over HTTPS and the real database. */
describe('Compose: thread read state and Archive, in Outlook and at once in the CRM', () => {
  let host: TestHost;
  let mailbox: ConnectedMailbox;
  let sync: MailSyncService;
  const mail = () => host.emulator!.store.mail;

  const syncNow = async () => {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const outcome = await sync.syncChannel(mailbox.workspaceId, mailbox.messageChannelId, {});
      if (outcome !== 'busy') return outcome;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('channel stayed busy');
  };
  const threadState = async (threadId: string) => {
    const result = await host.client.graphql(`query ($t: ID!) { microsoftThreadMailState(messageThreadId: $t) { ${STATE_FIELDS} } }`, { t: threadId });
    expect(result.errors).toBeUndefined();
    return result.data.microsoftThreadMailState;
  };
  /** Inbox threads with several messages in this channel. */
  const inboxThreads = async (): Promise<ThreadRow[]> =>
    host.dataSource.query(
      `SELECT m."messageThreadId" AS "threadId", array_agg(a."messageExternalId" ORDER BY m."receivedAt") AS "externalIds"
       FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId" JOIN "messageFolder" f ON f."id" = a."messageFolderId"
       WHERE a."messageChannelId" = $1 AND f."name" = 'Inbox'
       GROUP BY m."messageThreadId" HAVING count(*) >= 2 AND count(DISTINCT a."messageFolderId") = 1 ORDER BY 1`,
      [mailbox.messageChannelId],
    );
  const outlookRead = (externalIds: string[]) => externalIds.map((id) => mail().getMessage(USER, id)!.isRead);

  beforeAll(async () => {
    host = await startTestHost();
    sync = host.app.get(MailSyncService);
    for (let thread = 0; thread < 6; thread += 1) {
      let previous = mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: `Thread ${thread}`, isRead: thread === 0 });
      for (let reply = 0; reply < 2; reply += 1) previous = mail().deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], inReplyTo: previous.id, isRead: false });
    }
    mailbox = await connectMailbox(host, host.client, USER, USER);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('imports read state with the mail, and says what the account allows', async () => {
    const [thread] = await inboxThreads();
    const state = await threadState(thread!.threadId);
    const unreadInOutlook = outlookRead(thread!.externalIds).filter((read) => !read).length;
    expect(state).toMatchObject({ canManage: true, canSend: true, connectedAccountId: mailbox.connectedAccountId, messageCount: thread!.externalIds.length, unreadCount: unreadInOutlook });
  });

  it('marks a thread read and unread in Outlook and in the CRM at once; a sync pass after brings no flicker', async () => {
    const [, thread] = await inboxThreads();
    const read = await host.client.graphql(`mutation ($t: ID!) { markMicrosoftThreadRead(messageThreadId: $t, read: true) { ${STATE_FIELDS} } }`, { t: thread!.threadId });
    expect(read.data.markMicrosoftThreadRead).toMatchObject({ isRead: true, unreadCount: 0 });
    expect(outlookRead(thread!.externalIds).every(Boolean)).toBe(true);

    const unread = await host.client.graphql(`mutation ($t: ID!) { markMicrosoftThreadRead(messageThreadId: $t, read: false) { ${STATE_FIELDS} } }`, { t: thread!.threadId });
    expect(unread.data.markMicrosoftThreadRead).toMatchObject({ isRead: false, unreadCount: thread!.externalIds.length });
    expect(outlookRead(thread!.externalIds).some(Boolean)).toBe(false);

    expect(await syncNow()).toBe('synced');
    expect(await threadState(thread!.threadId)).toMatchObject({ isRead: false, unreadCount: thread!.externalIds.length });
  });

  it("recognises the echo of its own write: a page still carrying the first change does not flip the thread back", async () => {
    const [, , thread] = await inboxThreads();
    const externalId = thread!.externalIds[0]!;
    await host.client.graphql(`mutation ($t: ID!) { markMicrosoftThreadRead(messageThreadId: $t, read: true) { isRead } }`, { t: thread!.threadId });
    const readChangeKey = mail().getMessage(USER, externalId)!.changeKey;
    await host.client.graphql(`mutation ($t: ID!) { markMicrosoftThreadRead(messageThreadId: $t, read: false) { isRead } }`, { t: thread!.threadId });

    const [{ writtenChangeKeys }] = await host.dataSource.query(`SELECT "writtenChangeKeys" FROM "microsoftMessageMailState" WHERE "messageChannelId" = $1 AND "messageExternalId" = $2`, [mailbox.messageChannelId, externalId]);
    expect(writtenChangeKeys).toContain(readChangeKey);
    expect(writtenChangeKeys).toContain(mail().getMessage(USER, externalId)!.changeKey);

    // The delta page read between the two writes arrives late, carrying "read" under the first write's changeKey.
    const applied = await host.app.get(MessageMailStateRepository).applyInbound(mailbox.workspaceId, mailbox.messageChannelId, [{ externalId, isRead: true, changeKey: readChangeKey }]);
    expect(applied).toBe(0);
    expect((await threadState(thread!.threadId)).unreadCount).toBe(thread!.externalIds.length);
  });

  it('takes a change made in Outlook through the import', async () => {
    const [, , , thread] = await inboxThreads();
    await host.client.graphql(`mutation ($t: ID!) { markMicrosoftThreadRead(messageThreadId: $t, read: true) { isRead } }`, { t: thread!.threadId });
    mail().setRead(USER, thread!.externalIds[0]!, false);
    expect(await syncNow()).toBe('synced');
    expect(await threadState(thread!.threadId)).toMatchObject({ isRead: false, unreadCount: 1 });
  });

  it("archives a thread: Outlook's Archive folder holds it, the CRM shows it there at once, and the import's echo leaves it as it is", async () => {
    const [, , , , thread] = await inboxThreads();
    const archive = mail().getFolder(USER, 'archive')!;
    const result = await host.client.graphql(`mutation ($t: ID!) { archiveMicrosoftThread(messageThreadId: $t) { ${STATE_FIELDS} } }`, { t: thread!.threadId });
    expect(result.errors).toBeUndefined();
    for (const id of thread!.externalIds) expect(mail().getMessage(USER, id)!.parentFolderId).toBe(archive.id);

    const placed = async () =>
      host.dataSource.query(
        `SELECT a."messageExternalId", f."externalId" AS "folder", a."messageId" FROM "messageChannelMessageAssociation" a
         JOIN "message" m ON m."id" = a."messageId" LEFT JOIN "messageFolder" f ON f."id" = a."messageFolderId"
         WHERE a."messageChannelId" = $1 AND m."messageThreadId" = $2 ORDER BY 1`,
        [mailbox.messageChannelId, thread!.threadId],
      );
    const atOnce = await placed();
    expect(atOnce).toHaveLength(thread!.externalIds.length);
    expect(atOnce.every((row: { folder: string }) => row.folder === archive.id)).toBe(true);

    expect(await syncNow()).toBe('synced');
    expect(await placed()).toEqual(atOnce);
  });

  it("acts only on the member's own mailboxes", async () => {
    const [thread] = await inboxThreads();
    const alex = host.newClient();
    await alex.signIn('alex.wilber@contoso.com', 'demo-password');
    const read = await alex.graphql(`mutation ($t: ID!) { markMicrosoftThreadRead(messageThreadId: $t, read: true) { isRead } }`, { t: thread!.threadId });
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const archive = await alex.graphql(`mutation ($t: ID!) { archiveMicrosoftThread(messageThreadId: $t) { isRead } }`, { t: thread!.threadId });
    expect(archive.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(mail().getMessage(USER, thread!.externalIds[0]!)!.parentFolderId).toBe(mail().getFolder(USER, 'inbox')!.id);
  });
});
