import { MailSyncJobs } from '@m365/server-module';
import { channelMessageIds, connectMailbox, eventually, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const USER = 'megan.bowen@contoso.com';

/**
 * The host's webhook origin is plain http and nothing allows it (as with Microsoft's cloud): the plugin does not
 * subscribe, the 5-minute pass carries the mail, and Settings learns why real-time is off.
 */
describe("Push and Graph's https rule: no https webhook URL, no subscription", () => {
  let host: TestHost;
  let mailbox: ConnectedMailbox;

  beforeAll(async () => {
    host = await startTestHost({ microsoft: { allowInsecureWebhookUrl: false } });
    host.emulator!.store.mail.seedMailbox({ user: USER, messages: 12, folders: 1, nestedFolders: 0, seed: 9 });
    mailbox = await connectMailbox(host, host.client, USER, USER);
  });

  afterAll(async () => {
    await host?.close();
  });

  it('connects and imports without asking Graph for a subscription', async () => {
    expect(new URL(host.publicUrl).protocol).toBe('http:');
    expect(await channelMessageIds(host.dataSource, mailbox.messageChannelId)).toHaveLength(12);
    // Give a subscription job, had one been queued, time to reach the emulator.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(host.emulator!.store.subscriptions.list()).toEqual([]);
    expect(await host.dataSource.query(`SELECT 1 FROM "microsoftSubscription" WHERE "channelId" = $1`, [mailbox.messageChannelId])).toEqual([]);
  });

  it("tells Settings why real-time is off, through the channel's push status", async () => {
    const { data, errors } = await host.client.graphql(`{ microsoftAccounts { messageChannel { push { status lastError unavailableReason } } } }`);
    expect(errors).toBeUndefined();
    expect(data.microsoftAccounts[0].messageChannel.push).toEqual({
      status: 'OFF',
      lastError: null,
      unavailableReason: 'Real-time needs a public https URL (MICROSOFT_WEBHOOK_BASE_URL)',
    });
  });

  it('new mail arrives through the periodic pass', async () => {
    const delivered = host.emulator!.store.mail.deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: 'Through the 5-minute pass' });
    const id = delivered.message.internetMessageId as string;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await channelMessageIds(host.dataSource, mailbox.messageChannelId)).not.toContain(id);
    // What the 5-minute cron runs.
    expect(await host.app.get(MailSyncJobs).enqueueDueChannels()).toBeGreaterThanOrEqual(1);
    await eventually(async () => (await channelMessageIds(host.dataSource, mailbox.messageChannelId)).includes(id), 15_000, 'the new message in the CRM');
  });
});
