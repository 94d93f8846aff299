import { SubscriptionJobs } from '@m365/server-module';
import { activeSubscription, channelMessageIds, connectMailbox, eventually, PrivateRedis, startTestHost, type ConnectedMailbox, type TestHost } from '../../test-support/index.js';

const USER = 'megan.bowen@contoso.com';

describe('Push while Redis is briefly unavailable', () => {
  let redis: PrivateRedis;
  let host: TestHost;
  let mailbox: ConnectedMailbox;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    host = await startTestHost({ redisUrl: redis.url });
    host.emulator!.store.mail.seedMailbox({ user: USER, messages: 20, folders: 1, nestedFolders: 0, seed: 5 });
    mailbox = await connectMailbox(host, host.client, 'megan.bowen@contoso.com', USER);
    await eventually(async () => (await activeSubscription(host.dataSource, mailbox.messageChannelId)) !== null, 15_000, 'an active subscription');
  });

  afterAll(async () => {
    await host?.close();
    await redis?.down();
  });

  it('keeps answering Graph at once, records every notification, and catches up when Redis returns', async () => {
    await redis.down();
    const deliveries = host.emulator!.store.subscriptions;
    deliveries.resetDeliveryLog();
    const sent = Array.from({ length: 8 }, (_, index) =>
      host.emulator!.store.mail.deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: `During the outage ${index}` }).message.internetMessageId as string,
    );
    await eventually(() => deliveries.listAttempts().filter((attempt) => attempt.kind === 'notification').reduce((sum, attempt) => sum + attempt.itemCount, 0) >= sent.length, 5_000, 'deliveries attempted');
    const attempts = deliveries.listAttempts().filter((attempt) => attempt.kind === 'notification');
    expect(attempts.every((attempt) => attempt.status === 202)).toBe(true);
    expect(Math.max(...attempts.map((attempt) => attempt.durationMs))).toBeLessThan(500);
    const [{ recorded }] = await host.dataSource.query(`SELECT count(*)::int AS recorded FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL`, [mailbox.messageChannelId]);
    expect(recorded).toBeGreaterThanOrEqual(sent.length);
    const crmDuringOutage = await channelMessageIds(host.dataSource, mailbox.messageChannelId);
    expect(sent.filter((id) => crmDuringOutage.includes(id))).toEqual([]);

    await redis.up();
    // Whatever the queue lost, the sweeper finds in the inbox (it runs every 15 s; here, at once).
    await host.app.get(SubscriptionJobs).sweep();
    await eventually(async () => {
      const crm = await channelMessageIds(host.dataSource, mailbox.messageChannelId);
      return sent.every((id) => crm.includes(id));
    }, 20_000, 'the outage messages in the CRM');
    const crm = await channelMessageIds(host.dataSource, mailbox.messageChannelId);
    expect(new Set(crm).size).toBe(crm.length);
    await eventually(async () => Number((await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftNotification" WHERE "channelId" = $1 AND "processedAt" IS NULL`, [mailbox.messageChannelId]))[0].c) === 0, 10_000, 'every notification processed');
  });
});
