import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDevHost, DEMO_PASSWORD, type DevHost } from '@m365/dev-host';
import { DEMO_DIRECTORY, DEMO_MAILBOX_PROFILES, DEMO_NEWSLETTER, generateDemoMail, type MailboxContent } from '@m365/graph-emulator';
import { demoWorkspace } from './fixtures/workspace-fixtures.js';
import { connectMailbox, connectMicrosoftAccount, eventually, startTestHost, TestHttpClient, waitForMailSync, type TestHost } from '../../test-support/index.js';

const MEGAN = 'megan.bowen@contoso.com';
const UNTIL = '2026-11-30T12:00:00.000Z';
const SEED = 4;
const THREADS = `totalNumberOfThreads timelineThreads { subject numberOfMessagesInThread lastMessageReceivedAt }`;

const ALEX = 'alex.wilber@contoso.com';

const contentOf = (user: string, name: string): MailboxContent =>
  generateDemoMail({ owner: { name, address: user }, profile: DEMO_MAILBOX_PROFILES.find((profile) => profile.user === user)!, seed: SEED, until: Date.parse(UNTIL) });
const meganContent = () => contentOf(MEGAN, 'Megan Bowen');

/** The threads of the planned mail that someone with one of these addresses takes part in. */
function threadsWith(content: MailboxContent, addresses: string[]): Set<number> {
  const wanted = new Set(addresses.map((address) => address.toLowerCase()));
  return new Set(
    content.messages
      .filter((message) => [message.from, ...message.to, ...message.cc].some((address) => wanted.has(address.address.toLowerCase())))
      .map((message) => message.thread),
  );
}

describe('the demo tenant, connected as a newcomer would', () => {
  describe('on PostgreSQL and BullMQ', () => {
    let host: TestHost;
    let workspaceId: string;
    let messageChannelId: string;
    const content = meganContent();

    beforeAll(async () => {
      host = await startTestHost({ demoMail: { seed: SEED, until: UNTIL } });
      ({ workspaceId, messageChannelId } = await connectMailbox(host, host.client, MEGAN, MEGAN));
    }, 120_000);

    afterAll(async () => {
      await host?.close();
    });

    it("imports every message of Megan's demo mailbox, threaded as in Outlook", async () => {
      const [channel] = await host.dataSource.query(`SELECT "syncStatus", "contactAutoCreationPolicy" FROM "messageChannel" WHERE "id" = $1`, [messageChannelId]);
      expect(channel).toEqual({ syncStatus: 'ACTIVE', contactAutoCreationPolicy: 'SENT' });
      const [counts] = await host.dataSource.query(
        `SELECT count(*)::int AS "messages", count(DISTINCT "messageThreadExternalId")::int AS "threads" FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1`,
        [messageChannelId],
      );
      expect(counts).toEqual({ messages: content.messages.length, threads: new Set(content.messages.map((message) => message.thread)).size });
      const accounts = await host.client.graphql(`{ microsoftAccounts { messageChannel { importProgress { importedCount } } } }`);
      expect(accounts.data.microsoftAccounts[0].messageChannel.importProgress.importedCount).toBe(content.messages.length);
    });

    it("shows a seeded person's threads on their timeline, and a company's through its people", async () => {
      // The directory person Megan writes with most.
      const ranked = DEMO_DIRECTORY.people
        .filter((person) => person.email !== MEGAN)
        .map((person) => ({ person, threads: threadsWith(content, [person.email, ...person.additionalEmails]) }))
        .sort((a, b) => b.threads.size - a.threads.size);
      const { person, threads } = ranked[0]!;
      expect(threads.size).toBeGreaterThanOrEqual(3);
      const [row] = await host.dataSource.query(`SELECT "id" FROM "person" WHERE "workspaceId" = $1 AND "emailsPrimaryEmail" = $2`, [workspaceId, person.email]);
      const timeline = await host.client.graphql(`query ($id: ID!) { getTimelineThreadsFromPersonId(personId: $id, page: 1, pageSize: 50) { ${THREADS} } }`, { id: row.id });
      expect(timeline.errors).toBeUndefined();
      const { totalNumberOfThreads, timelineThreads } = timeline.data.getTimelineThreadsFromPersonId;
      expect(totalNumberOfThreads).toBe(threads.size);
      const newest = content.messages.filter((message) => threads.has(message.thread)).at(-1)!;
      const newestThread = content.messages.filter((message) => message.thread === newest.thread);
      expect(timelineThreads[0]).toMatchObject({
        subject: newestThread[0]!.subject,
        numberOfMessagesInThread: newestThread.length,
        lastMessageReceivedAt: newest.receivedDateTime,
      });

      const fabrikam = DEMO_DIRECTORY.people.filter((candidate) => candidate.companyDomain === 'fabrikam.com').flatMap((candidate) => [candidate.email, ...candidate.additionalEmails]);
      const [company] = await host.dataSource.query(`SELECT "id" FROM "company" WHERE "workspaceId" = $1 AND "domainName" = 'fabrikam.com'`, [workspaceId]);
      const companyTimeline = await host.client.graphql(`query ($id: ID!) { getTimelineThreadsFromCompanyId(companyId: $id, page: 1, pageSize: 10) { totalNumberOfThreads } }`, { id: company.id });
      expect(companyTimeline.data.getTimelineThreadsFromCompanyId.totalNumberOfThreads).toBe(threadsWith(content, fabrikam).size);
    });

    it('imports the nested client folder, Inbox → Clients → Fabrikam, with its mail', async () => {
      const result = await host.client.graphql(`{ microsoftAccounts { messageChannel { messageFolders { id name externalId parentFolderId isInbox } } } }`);
      const folders = result.data.microsoftAccounts[0].messageChannel.messageFolders as Array<{ id: string; name: string; externalId: string; parentFolderId: string | null; isInbox: boolean }>;
      const byName = new Map(folders.map((folder) => [folder.name, folder]));
      const fabrikam = byName.get('Fabrikam')!;
      expect(fabrikam.parentFolderId).toBe(byName.get('Clients')!.externalId);
      expect(byName.get('Clients')!.parentFolderId).toBe(folders.find((folder) => folder.isInbox)!.externalId);
      const [{ filed }] = await host.dataSource.query(`SELECT count(*)::int AS "filed" FROM "messageChannelMessageAssociation" WHERE "messageFolderId" = $1`, [fabrikam.id]);
      expect(filed).toBe(content.messages.filter((message) => message.folder.join('/') === 'inbox/Clients/Fabrikam').length);
    });

    it('creates the people Megan wrote to who were not in the CRM, but not the newsletter sender', async () => {
      const known = new Set(DEMO_DIRECTORY.people.flatMap((person) => [person.email, ...person.additionalEmails]));
      const strangers = [...new Set(content.messages.flatMap((message) => [message.from, ...message.to, ...message.cc].map((address) => address.address)))].filter(
        (address) => !known.has(address) && address !== DEMO_NEWSLETTER.address,
      );
      expect(strangers.length).toBeGreaterThanOrEqual(3);
      const created: Array<{ email: string; company: string | null }> = await host.dataSource.query(
        `SELECT p."emailsPrimaryEmail" AS "email", c."domainName" AS "company" FROM "person" p LEFT JOIN "company" c ON c."id" = p."companyId"
         WHERE p."workspaceId" = $1 AND p."emailsPrimaryEmail" = ANY($2::text[])`,
        [workspaceId, strangers],
      );
      expect(created.map((row) => row.email).sort()).toEqual([...strangers].sort());
      expect(created.every((row) => row.company === row.email.split('@')[1])).toBe(true);
      const [{ unlinked }] = await host.dataSource.query(`SELECT count(*)::int AS "unlinked" FROM "messageParticipant" WHERE "workspaceId" = $1 AND "handle" = ANY($2::text[]) AND "personId" IS NULL`, [workspaceId, strangers]);
      expect(unlinked).toBe(0);
      const newsletter = await host.dataSource.query(`SELECT 1 FROM "person" WHERE "workspaceId" = $1 AND "emailsPrimaryEmail" = $2`, [workspaceId, DEMO_NEWSLETTER.address]);
      expect(newsletter).toEqual([]);
    });

    it("keeps the newsletter out of a member's CRM once its sender is on their blocklist", async () => {
      const { alexId } = await demoWorkspace(host.dataSource);
      const domain = DEMO_NEWSLETTER.address.split('@')[1];
      await host.dataSource.query(`INSERT INTO "blocklist" ("workspaceId", "workspaceMemberId", "handle") VALUES ($1, $2, $3)`, [workspaceId, alexId, `@${domain}`]);
      const alex = host.newClient();
      const { messageChannelId: alexChannel } = await connectMailbox(host, alex, ALEX, ALEX);
      const planned = contentOf(ALEX, 'Alex Wilber').messages;
      const newsletters = planned.filter((message) => message.from.address === DEMO_NEWSLETTER.address).length;
      expect(newsletters).toBeGreaterThan(40);
      const [{ messages }] = await host.dataSource.query(`SELECT count(*)::int AS "messages" FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1`, [alexChannel]);
      expect(messages).toBe(planned.length - newsletters);
    });
  });

  describe("on npm start's embedded PGlite and in-process jobs", () => {
    let host: DevHost;
    let dataDir: string;

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'm365-demo-mail-'));
      host = await createDevHost({ port: 0, dataDir, emulatorPort: 0, logger: ['error'], env: {}, demoMail: { seed: SEED, until: UNTIL }, demoCalendar: {} });
    }, 120_000);

    afterAll(async () => {
      await host?.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("imports Megan's demo mailbox in seconds", async () => {
      const client = new TestHttpClient(host.url, host.emulator!.caCertPem);
      try {
        await client.signIn(MEGAN, DEMO_PASSWORD);
        const started = performance.now();
        const callback = await connectMicrosoftAccount(client, host.emulator!.caCertPem, { account: MEGAN });
        const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId');
        const [channel] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
        expect(await waitForMailSync(host.dataSource, channel.id, 120_000)).toMatchObject({ syncStatus: 'ACTIVE' });
        const elapsedMs = performance.now() - started;
        const [{ messages }] = await host.dataSource.query(`SELECT count(*)::int AS "messages" FROM "messageChannelMessageAssociation" WHERE "messageChannelId" = $1`, [channel.id]);
        expect(messages).toBe(meganContent().messages.length);
        // Seconds on a quiet machine; the bound leaves room for a busy CI runner.
        expect(elapsedMs).toBeLessThan(60_000);

        // npm start fills the demo calendars too: Megan's recurring meetings arrive as their occurrences.
        const [calendarChannel] = await host.dataSource.query(`SELECT "id" FROM "calendarChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
        await eventually(async () => {
          const [row] = await host.dataSource.query(`SELECT "syncStatus", "syncStage" FROM "calendarChannel" WHERE "id" = $1`, [calendarChannel.id]);
          return row.syncStatus === 'ACTIVE' && row.syncStage === 'CALENDAR_EVENT_LIST_FETCH_PENDING';
        }, 60_000, "Megan's first calendar import");
        const [events] = await host.dataSource.query(
          `SELECT count(*)::int AS "all", count(*) FILTER (WHERE "recurringEventExternalId" IS NOT NULL)::int AS "occurrences"
           FROM "calendarChannelEventAssociation" WHERE "calendarChannelId" = $1`,
          [calendarChannel.id],
        );
        expect(events.occurrences).toBeGreaterThan(0);
        expect(events.all).toBeGreaterThan(events.occurrences);
      } finally {
        await client.close();
      }
    }, 240_000);
  });
});
