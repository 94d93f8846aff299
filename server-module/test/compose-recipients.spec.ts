import { jest } from '@jest/globals';
import { connectMailbox, connectMicrosoftAccount, startTestHost, waitForMailSync, type ConnectedMailbox, type TestHost, type TestHttpClient } from '../../test-support/index.js';
import { MicrosoftAccountService } from '../src/accounts/microsoft-account.service.js';
import { MAIL_TIPS_BATCH } from '../src/compose/recipients/out-of-office.service.js';
import { RecipientInsightsGraphClient } from '../src/compose/recipients/recipient-insights-graph.client.js';
import { MailTipPruneCronJob } from '../src/compose/recipients/mail-tip-prune.cron.job.js';

const MEGAN = 'megan.bowen@contoso.com';
const ALEX = 'alex.wilber@contoso.com';
const LEE = 'lee.gu@fabrikam.com';
const SUGGEST = `query ($s: String!, $a: ID) { microsoftRecipientSuggestions(search: $s, connectedAccountId: $a) { usedMicrosoftPeople crmOnlyReason suggestions { address name source personId } } }`;
const OUT_OF_OFFICE = `query ($addresses: [String!]!) { microsoftOutOfOffice(addresses: $addresses) { available notices { address message startsAt endsAt } } }`;

/** People suggestions and out-of-office badges against the emulator over HTTPS, real PostgreSQL and Redis. */
describe('Compose recipients: People suggestions merged with CRM people, out-of-office through mail tips', () => {
  let host: TestHost;
  let megan: ConnectedMailbox;
  let alex: TestHttpClient;
  let alexAccountId: string;
  let leenaId: string;
  const outbound = () => host.emulator!.store.outbound;
  const lee = () => host.emulator!.store.findUser(LEE)!;

  const gql = async (client: TestHttpClient, query: string, variables: Record<string, unknown>) => {
    const result = await client.graphql(query, variables);
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const suggest = async (client: TestHttpClient, search: string) => (await gql(client, SUGGEST, { s: search })).microsoftRecipientSuggestions;
  const outOfOffice = async (client: TestHttpClient, addresses: string[]) => (await gql(client, OUT_OF_OFFICE, { addresses })).microsoftOutOfOffice;
  const addPerson = async (first: string, last: string, email: string) => {
    const [found] = await host.dataSource.query(`SELECT "id" FROM "person" WHERE "workspaceId" = $1 AND lower("emailsPrimaryEmail") = lower($2) AND "deletedAt" IS NULL`, [megan.workspaceId, email]);
    if (found) return found.id as string;
    const [row] = await host.dataSource.query(`INSERT INTO "person" ("workspaceId", "nameFirstName", "nameLastName", "emailsPrimaryEmail") VALUES ($1, $2, $3, $4) RETURNING "id"`, [megan.workspaceId, first, last, email]);
    return row.id as string;
  };
  const expireCachedTips = () => host.dataSource.query(`UPDATE "microsoftMailTip" SET "expiresAt" = now() - interval '1 second'`);

  beforeAll(async () => {
    host = await startTestHost();
    const mail = host.emulator!.store.mail;
    mail.deliverMessage(MEGAN, { from: LEE, to: [MEGAN], subject: 'Budget', body: 'Numbers attached.' });
    mail.deliverMessage(MEGAN, { from: LEE, to: [MEGAN], subject: 'Budget, again', body: 'Any news?' });
    megan = await connectMailbox(host, host.client, MEGAN, MEGAN);
    await addPerson('Lee', 'Gu', LEE);
    leenaId = await addPerson('Leena', 'Park', 'leena.park@northwind.example');
    alex = host.newClient();
    await alex.signIn(ALEX, 'demo-password');
    const callback = await connectMicrosoftAccount(alex, host.emulator!.caCertPem, { account: ALEX, untick: ['People.Read', 'MailboxSettings.Read'] });
    alexAccountId = new URL(callback.headers.get('location')!).searchParams.get('connectedAccountId')!;
    const [channel] = await host.dataSource.query(`SELECT "id" FROM "messageChannel" WHERE "connectedAccountId" = $1`, [alexAccountId]);
    await waitForMailSync(host.dataSource, channel.id);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    host.emulator!.store.mail.updateSettings({ faults: { failureRate: 0 } });
    outbound().setAutomaticReplies(lee().id, { status: 'disabled' });
  });

  afterAll(async () => {
    await host?.close();
  });

  it("with People.Read, suggests Outlook's people first, merged with CRM people by address and CRM people marked", async () => {
    const answer = await suggest(host.client, 'lee');
    expect(answer.usedMicrosoftPeople).toBe(true);
    expect(answer.crmOnlyReason).toBeNull();
    const addresses = answer.suggestions.map((suggestion: { address: string }) => suggestion.address.toLowerCase());
    // Lee is in both: once, ranked by Outlook, marked as the CRM person; Leena is only in the CRM.
    expect(addresses.filter((address: string) => address === LEE)).toHaveLength(1);
    expect(answer.suggestions[0]).toMatchObject({ source: 'MICROSOFT', name: 'Lee Gu', personId: expect.any(String) });
    expect(answer.suggestions).toContainEqual({ address: 'leena.park@northwind.example', name: 'Leena Park', source: 'CRM', personId: leenaId });
    expect(addresses.indexOf(LEE)).toBeLessThan(addresses.indexOf('leena.park@northwind.example'));
  });

  it('without People.Read, suggests CRM people only and never calls People', async () => {
    const people = jest.spyOn(RecipientInsightsGraphClient.prototype, 'searchPeople');
    const answer = await suggest(alex, 'lee');
    expect(people).not.toHaveBeenCalled();
    expect(answer.usedMicrosoftPeople).toBe(false);
    expect(answer.crmOnlyReason).toMatch(/People\.Read/);
    expect(answer.suggestions.every((suggestion: { source: string }) => suggestion.source === 'CRM')).toBe(true);
  });

  it('a throttled People call (429) answers CRM people, not an error', async () => {
    host.emulator!.store.mail.updateSettings({ faults: { failureRate: 1, statuses: [429], retryAfterSeconds: 1 } });
    const answer = await suggest(host.client, 'leena');
    expect(answer.usedMicrosoftPeople).toBe(false);
    expect(answer.crmOnlyReason).toMatch(/slow down/);
    expect(answer.suggestions).toEqual([{ address: 'leena.park@northwind.example', name: 'Leena Park', source: 'CRM', personId: leenaId }]);
  });

  it("shows Lee Gu's automatic reply once it is on, with its text; off shows none once the cached tip expires", async () => {
    expect((await outOfOffice(host.client, [LEE, ALEX])).notices).toEqual([]);
    outbound().setAutomaticReplies(lee().id, { status: 'alwaysEnabled', externalAudience: 'all', internalReplyMessage: 'Out until Monday.', externalReplyMessage: 'I am away until Monday.' });
    // The "not out" answer is cached for minutes: the badge appears once it expires (here: made to expire).
    expect((await outOfOffice(host.client, [LEE])).notices).toEqual([]);
    await expireCachedTips();
    const on = await outOfOffice(host.client, [LEE, ALEX]);
    expect(on).toEqual({ available: true, notices: [{ address: LEE, message: 'I am away until Monday.', startsAt: null, endsAt: null }] });

    outbound().setAutomaticReplies(lee().id, { status: 'disabled' });
    expect((await outOfOffice(host.client, [LEE])).notices).toHaveLength(1);
    await expireCachedTips();
    expect((await outOfOffice(host.client, [LEE])).notices).toEqual([]);
  });

  it('a scheduled reply shows its end date within its window, and nothing before it starts', async () => {
    const start = new Date(Date.now() - 3600_000);
    const end = new Date(Date.now() + 3 * 86400_000);
    outbound().setAutomaticReplies(lee().id, { status: 'scheduled', externalAudience: 'all', externalReplyMessage: 'On leave.', scheduledStartDateTime: start.toISOString(), scheduledEndDateTime: end.toISOString() });
    await expireCachedTips();
    const [notice] = (await outOfOffice(host.client, [LEE])).notices;
    expect(notice).toMatchObject({ address: LEE, message: 'On leave.' });
    expect(new Date(notice.endsAt).getTime()).toBe(end.getTime());
    expect(new Date(notice.startsAt).getTime()).toBe(start.getTime());

    outbound().setAutomaticReplies(lee().id, { scheduledStartDateTime: new Date(Date.now() + 86400_000).toISOString(), scheduledEndDateTime: new Date(Date.now() + 2 * 86400_000).toISOString() });
    await expireCachedTips();
    expect((await outOfOffice(host.client, [LEE])).notices).toEqual([]);
  });

  it(`asks in batches of ${MAIL_TIPS_BATCH} and answers from the cache after that`, async () => {
    const tips = jest.spyOn(RecipientInsightsGraphClient.prototype, 'automaticReplies');
    const addresses = Array.from({ length: 45 }, (_, index) => `guest${index}@northwind.example`);
    expect((await outOfOffice(host.client, addresses)).available).toBe(true);
    expect(tips.mock.calls.map(([batch]) => batch.length)).toEqual([20, 20, 5]);
    await outOfOffice(host.client, addresses);
    expect(tips).toHaveBeenCalledTimes(3);
  });

  it('without the out-of-office permission, no badge and no call', async () => {
    const tips = jest.spyOn(RecipientInsightsGraphClient.prototype, 'automaticReplies');
    outbound().setAutomaticReplies(lee().id, { status: 'alwaysEnabled', externalAudience: 'all', externalReplyMessage: 'Away.' });
    expect(await outOfOffice(alex, [LEE])).toEqual({ available: false, notices: [] });
    expect(tips).not.toHaveBeenCalled();
  });

  it('the hourly prune deletes cached answers past their time and keeps fresh ones', async () => {
    await outOfOffice(host.client, ['prune.one@northwind.example', 'prune.two@northwind.example']);
    const count = async (address: string) => Number((await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftMailTip" WHERE "address" = $1`, [address]))[0].c);
    expect(await count('prune.one@northwind.example')).toBe(1);
    await host.dataSource.query(`UPDATE "microsoftMailTip" SET "expiresAt" = now() - interval '1 second' WHERE "address" = 'prune.one@northwind.example'`);
    expect(await host.app.get(MailTipPruneCronJob).prune()).toBeGreaterThanOrEqual(1);
    expect(await count('prune.one@northwind.example')).toBe(0);
    expect(await count('prune.two@northwind.example')).toBe(1);
  });

  it("answers a thread's participants and a person's record, and disconnect deletes the cached tips", async () => {
    outbound().setAutomaticReplies(lee().id, { status: 'alwaysEnabled', externalAudience: 'all', externalReplyMessage: 'Back soon.' });
    await expireCachedTips();
    const [thread] = await host.dataSource.query(`SELECT m."messageThreadId" AS id FROM "message" m WHERE m."subject" = 'Budget' AND m."workspaceId" = $1`, [megan.workspaceId]);
    const forThread = (await gql(host.client, `query ($t: ID!) { microsoftThreadOutOfOffice(messageThreadId: $t) { available notices { address message } } }`, { t: thread.id })).microsoftThreadOutOfOffice;
    expect(forThread.notices).toEqual([{ address: LEE, message: 'Back soon.' }]);
    const [leePerson] = await host.dataSource.query(`SELECT "id" FROM "person" WHERE lower("emailsPrimaryEmail") = $1 AND "workspaceId" = $2`, [LEE, megan.workspaceId]);
    const forPerson = (await gql(host.client, `query ($p: ID!) { microsoftPersonOutOfOffice(personId: $p) { notices { address message } } }`, { p: leePerson.id })).microsoftPersonOutOfOffice;
    expect(forPerson.notices).toEqual([{ address: LEE, message: 'Back soon.' }]);
    // Another member's thread answers nothing of it.
    expect((await gql(alex, `query ($t: ID!) { microsoftThreadOutOfOffice(messageThreadId: $t) { notices { address } } }`, { t: thread.id })).microsoftThreadOutOfOffice.notices).toEqual([]);

    const cached = async () => Number((await host.dataSource.query(`SELECT count(*)::int AS c FROM "microsoftMailTip" WHERE "connectedAccountId" = $1`, [megan.connectedAccountId]))[0].c);
    expect(await cached()).toBeGreaterThan(0);
    const [member] = await host.dataSource.query(`SELECT "id" FROM "workspaceMember" WHERE lower("userEmail") = $1`, [MEGAN]);
    await host.app.get(MicrosoftAccountService).disconnect({ workspaceId: megan.workspaceId, workspaceMemberId: member.id }, megan.connectedAccountId);
    expect(await cached()).toBe(0);
  });
});
