import { MailSyncService } from '@m365/server-module';
import { connectMicrosoftAccount, startTestHost, type TestHost } from '../../test-support/index.js';

const USER = 'megan.bowen@contoso.com';
const STRANGERS = Array.from({ length: 30 }, (_, index) => `stranger.${index}@northwindtraders.com`);

describe('Contact auto-creation while folders import in parallel', () => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost({ microsoft: { mailPageSize: 10 } });
  });

  afterAll(async () => {
    await host?.close();
  });

  it('creates each new correspondent once, links every participant, and the first pass succeeds', async () => {
    host.emulator!.store.mail.seedMailbox({ user: USER, messages: 500, folders: 2, nestedFolders: 1, correspondents: STRANGERS, sentRatio: 0.4, seed: 11 });
    const { workspaceId } = await host.client.signIn('megan.bowen@contoso.com', 'demo-password');
    // Only the first pass below should run: keep the connect-time job from racing it.
    const sync = host.app.get(MailSyncService);
    const outcomes: string[] = [];
    const original = sync.syncChannel.bind(sync);
    sync.syncChannel = async (...args) => {
      const outcome = await original(...args);
      outcomes.push(outcome);
      return outcome;
    };
    const callback = await connectMicrosoftAccount(host.client, host.emulator!.caCertPem, { account: USER });
    const connectedAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId');
    const [channel] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [connectedAccountId]);
    await host.dataSource.query(`UPDATE "messageChannel" SET "contactAutoCreationPolicy" = 'SENT_AND_RECEIVED' WHERE "id" = $1`, [channel.id]);
    for (let attempt = 0; outcomes.length === 0 && attempt < 600; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    if (outcomes[0] === 'busy') outcomes.shift();
    for (let attempt = 0; outcomes.length === 0 && attempt < 600; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 50));

    if (outcomes[0] !== 'synced') console.log(JSON.stringify(await host.dataSource.query(`SELECT * FROM "microsoftSyncProgress"`)));
    expect(outcomes[0]).toBe('synced');
    const people: Array<{ email: string; count: number }> = await host.dataSource.query(
      `SELECT lower("emailsPrimaryEmail") AS email, count(*)::int AS count FROM "person" WHERE "workspaceId" = $1 AND lower("emailsPrimaryEmail") LIKE 'stranger.%' GROUP BY 1`,
      [workspaceId],
    );
    expect(people.map((row) => row.email).sort()).toEqual([...STRANGERS].sort());
    expect(people.every((row) => row.count === 1)).toBe(true);
    const [{ unlinked }] = await host.dataSource.query(`SELECT count(*)::int AS unlinked FROM "messageParticipant" WHERE "handle" LIKE 'stranger.%' AND "personId" IS NULL`);
    expect(unlinked).toBe(0);
    const [{ company }] = await host.dataSource.query(`SELECT count(DISTINCT "companyId")::int AS company FROM "person" WHERE lower("emailsPrimaryEmail") LIKE 'stranger.%'`);
    expect(company).toBe(1);
  });

  it('links the earlier mail of a person added to the CRM later, on the next full pass that imports mail', async () => {
    const sync = host.app.get(MailSyncService);
    const [channel] = await host.dataSource.query(`SELECT "id", "workspaceId" FROM "messageChannel" LIMIT 1`);
    // The delivered mail is notified too: the push pass it starts may hold the channel, and this pass then waits its turn.
    const pass = async () => {
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const outcome = await sync.syncChannel(channel.workspaceId, channel.id);
        if (outcome !== 'busy') return outcome;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return 'busy';
    };
    // Nobody creates people from now on: only the pass's own linking can match the newcomer.
    await host.dataSource.query(`UPDATE "messageChannel" SET "isContactAutoCreationEnabled" = false WHERE "id" = $1`, [channel.id]);
    const late = 'late.partner@relecloud.com';
    host.emulator!.store.mail.deliverMessage(USER, { from: late, to: [USER], subject: 'Before they were in the CRM' });
    expect(await pass()).toBe('synced');
    const unlinked = async () =>
      (await host.dataSource.query(`SELECT count(*)::int AS c FROM "messageParticipant" WHERE "handle" = $1 AND "personId" IS NULL`, [late]))[0].c;
    expect(await unlinked()).toBe(1);

    const [person] = await host.dataSource.query(
      `INSERT INTO "person" ("id", "workspaceId", "emailsPrimaryEmail", "nameFirstName", "nameLastName") VALUES (gen_random_uuid(), $1, $2, 'Late', 'Partner') RETURNING "id"`,
      [channel.workspaceId, late],
    );
    // A pass that brings nothing new leaves the rows alone; the next one that imports mail links them.
    expect(await pass()).toBe('synced');
    expect(await unlinked()).toBe(1);
    host.emulator!.store.mail.deliverMessage(USER, { from: 'lee.gu@fabrikam.com', to: [USER], subject: 'Anything new' });
    expect(await pass()).toBe('synced');
    expect(await unlinked()).toBe(0);
    const [{ linked }] = await host.dataSource.query(`SELECT count(*)::int AS linked FROM "messageParticipant" WHERE "personId" = $1`, [person.id]);
    expect(linked).toBe(1);
  });
});
