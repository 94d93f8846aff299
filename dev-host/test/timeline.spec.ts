import { DEMO_PASSWORD } from '@m365/dev-host';
import { startTestHost, type TestHost, type TestHttpClient } from '../../test-support/index.js';
import { MessagingFixtures } from './fixtures/messaging-fixtures.js';
import { createOtherWorkspace, demoWorkspace } from './fixtures/workspace-fixtures.js';

const PARTICIPANT = `personId workspaceMemberId firstName lastName displayName avatarUrl handle`;
const THREADS = `totalNumberOfThreads timelineThreads {
  id read visibility subject lastMessageBody lastMessageReceivedAt numberOfMessagesInThread participantCount
  firstParticipant { ${PARTICIPANT} } lastTwoParticipants { ${PARTICIPANT} } }`;
const EVENTS = `totalNumberOfCalendarEvents timelineCalendarEvents {
  id title isCanceled isFullDay startsAt endsAt description location conferenceSolution visibility
  conferenceLink { primaryLinkUrl primaryLinkLabel } participants { handle personId firstName responseStatus isOrganizer } }`;

describe('timelines', () => {
  let host: TestHost;
  let megan: TestHttpClient;
  let alex: TestHttpClient;
  let eve: TestHttpClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    host = await startTestHost();
    const demo = await demoWorkspace(host.dataSource);
    const [company] = await host.dataSource.query(
      `SELECT "companyId" AS "id" FROM "person" WHERE "workspaceId" = $1 GROUP BY "companyId" HAVING count(*) >= 2 ORDER BY "companyId" LIMIT 1`,
      [demo.workspaceId],
    );
    const [p, q] = await host.dataSource.query(`SELECT "id", "emailsPrimaryEmail" AS "email", "nameFirstName" AS "firstName" FROM "person" WHERE "companyId" = $1 ORDER BY "id" LIMIT 2`, [company.id]);
    Object.assign(ids, { companyId: company.id, p: p.id, q: q.id, pEmail: p.email, qEmail: q.email, pFirstName: p.firstName, alexId: demo.alexId });

    const fixtures = new MessagingFixtures(host.dataSource, demo.workspaceId);
    const account = await fixtures.connectedAccount(demo.alexId, 'alex.wilber@contoso.com');
    const alexHandle = { handle: 'alex.wilber@contoso.com', workspaceMemberId: demo.alexId };
    const pHandle = { handle: p.email, personId: p.id };
    ids.threadShared = await fixtures.thread(await fixtures.messageChannel(account, 'SHARE_EVERYTHING'), [
      { subject: 'Kick-off', text: 'First body', receivedAt: '2026-01-01T09:00:00Z', participants: [{ role: 'from', ...pHandle }, { role: 'to', ...alexHandle }] },
      { subject: 'RE: Kick-off', text: 'Second body', receivedAt: '2026-01-02T09:00:00Z', participants: [{ role: 'from', ...alexHandle }, { role: 'to', ...pHandle }] },
      { subject: 'RE: Kick-off', text: 'Latest body', receivedAt: '2026-01-03T09:00:00Z', participants: [{ role: 'from', handle: q.email, personId: q.id }, { role: 'cc', ...pHandle }] },
    ]);
    ids.threadSubject = await fixtures.thread(await fixtures.messageChannel(account, 'SUBJECT'), [
      { subject: 'Pricing', text: 'Secret pricing', receivedAt: '2026-01-05T09:00:00Z', participants: [{ role: 'from', ...pHandle }, { role: 'to', handle: 'ext@outside.test', displayName: 'Ext Ernal' }] },
    ]);
    ids.threadMetadata = await fixtures.thread(await fixtures.messageChannel(account, 'METADATA'), [
      { subject: 'Private', text: 'Private body', receivedAt: '2026-01-04T09:00:00Z', participants: [{ role: 'from', handle: 'ext@outside.test', displayName: 'Ext Ernal' }, { role: 'to', ...pHandle }] },
    ]);

    ids.eventShared = await fixtures.calendarEvent(
      await fixtures.calendarChannel(account, 'SHARE_EVERYTHING'),
      { title: 'Demo call', startsAt: '2026-02-01T10:00:00Z', endsAt: '2026-02-01T11:00:00Z', description: 'Agenda', location: 'Room 1', conferenceUrl: 'https://teams.example/join' },
      [{ handle: 'alex.wilber@contoso.com', isOrganizer: true, responseStatus: 'ACCEPTED' }, { handle: p.email, personId: p.id, responseStatus: 'ACCEPTED' }],
    );
    ids.eventMetadata = await fixtures.calendarEvent(
      await fixtures.calendarChannel(account, 'METADATA'),
      { title: 'Private lunch', startsAt: '2026-03-01T12:00:00Z', endsAt: '2026-03-01T13:00:00Z', location: 'Secret place', conferenceUrl: 'https://teams.example/private' },
      [{ handle: p.email, personId: p.id, responseStatus: 'TENTATIVE' }],
    );

    megan = host.newClient();
    await megan.signIn('megan.bowen@contoso.com', DEMO_PASSWORD);
    alex = host.newClient();
    await alex.signIn('alex.wilber@contoso.com', DEMO_PASSWORD);
    const other = await createOtherWorkspace(host.dataSource);
    eve = host.newClient();
    await eve.signIn(other.email, other.password);
  });

  afterAll(async () => {
    await host?.close();
  });

  const personThreads = (client: TestHttpClient, personId: string, page = 1, pageSize = 10) =>
    client.graphql(`query ($id: ID!, $page: Int, $pageSize: Int) { getTimelineThreadsFromPersonId(personId: $id, page: $page, pageSize: $pageSize) { ${THREADS} } }`, { id: personId, page, pageSize });

  it('lists threads newest first with visibility applied for someone who does not own the channel', async () => {
    const result = await personThreads(megan, ids.p);
    expect(result.errors).toBeUndefined();
    const { totalNumberOfThreads, timelineThreads } = result.data.getTimelineThreadsFromPersonId;
    expect(totalNumberOfThreads).toBe(3);
    expect(timelineThreads.map((thread: { id: string }) => thread.id)).toEqual([ids.threadSubject, ids.threadMetadata, ids.threadShared]);
    const [subjectOnly, metadata, shared] = timelineThreads;
    expect(subjectOnly).toMatchObject({ visibility: 'SUBJECT', subject: 'Pricing', lastMessageBody: null, numberOfMessagesInThread: 1, participantCount: 2 });
    expect(metadata).toMatchObject({ visibility: 'METADATA', subject: null, lastMessageBody: null, lastMessageReceivedAt: '2026-01-04T09:00:00.000Z' });
    expect(metadata.firstParticipant).toMatchObject({ handle: 'ext@outside.test', displayName: 'Ext Ernal', personId: null });
    expect(shared).toMatchObject({ visibility: 'SHARE_EVERYTHING', subject: 'Kick-off', lastMessageBody: 'Latest body', numberOfMessagesInThread: 3, participantCount: 3, read: true });
    expect(shared.firstParticipant).toMatchObject({ personId: ids.p, handle: ids.pEmail, firstName: ids.pFirstName });
    expect(shared.lastTwoParticipants.map((participant: { personId: string; workspaceMemberId: string }) => participant.personId ?? participant.workspaceMemberId)).toEqual([ids.q, ids.alexId]);
    expect(shared.lastTwoParticipants[1]).toMatchObject({ firstName: 'Alex', lastName: 'Wilber', displayName: 'Alex Wilber' });
  });

  it('shows the channel owner everything', async () => {
    const result = await personThreads(alex, ids.p);
    const metadata = result.data.getTimelineThreadsFromPersonId.timelineThreads.find((thread: { id: string }) => thread.id === ids.threadMetadata);
    expect(metadata).toMatchObject({ visibility: 'SHARE_EVERYTHING', subject: 'Private', lastMessageBody: 'Private body' });
  });

  it('pages threads', async () => {
    const first = (await personThreads(megan, ids.p, 1, 2)).data.getTimelineThreadsFromPersonId;
    const second = (await personThreads(megan, ids.p, 2, 2)).data.getTimelineThreadsFromPersonId;
    expect(first.totalNumberOfThreads).toBe(3);
    expect(first.timelineThreads.map((thread: { id: string }) => thread.id)).toEqual([ids.threadSubject, ids.threadMetadata]);
    expect(second.timelineThreads.map((thread: { id: string }) => thread.id)).toEqual([ids.threadShared]);
    const q = (await personThreads(megan, ids.q)).data.getTimelineThreadsFromPersonId;
    expect(q.timelineThreads.map((thread: { id: string }) => thread.id)).toEqual([ids.threadShared]);
  });

  it("lists a company's threads through its people", async () => {
    const result = await megan.graphql(`query ($id: ID!) { getTimelineThreadsFromCompanyId(companyId: $id, page: 1, pageSize: 10) { ${THREADS} } }`, { id: ids.companyId });
    expect(result.data.getTimelineThreadsFromCompanyId.totalNumberOfThreads).toBe(3);
  });

  it('opens a thread with its messages, within the same visibility', async () => {
    const query = `query ($id: ID!) { messageThread(id: $id) { id visibility subject messages { id subject text receivedAt sender { handle } participants { role handle } } } }`;
    const shared = (await megan.graphql(query, { id: ids.threadShared })).data.messageThread;
    expect(shared.messages.map((message: { text: string }) => message.text)).toEqual(['First body', 'Second body', 'Latest body']);
    expect(shared.messages[2].sender.handle).toBe(ids.qEmail);
    expect(shared.messages[2].participants).toEqual(expect.arrayContaining([{ role: 'cc', handle: ids.pEmail }]));
    const subjectOnly = (await megan.graphql(query, { id: ids.threadSubject })).data.messageThread;
    expect(subjectOnly).toMatchObject({ visibility: 'SUBJECT', subject: 'Pricing' });
    expect(subjectOnly.messages[0]).toMatchObject({ subject: 'Pricing', text: null });
    const metadata = (await megan.graphql(query, { id: ids.threadMetadata })).data.messageThread;
    expect(metadata).toMatchObject({ visibility: 'METADATA', subject: null });
    expect(metadata.messages[0]).toMatchObject({ subject: null, text: null, sender: { handle: 'ext@outside.test' } });
  });

  it("never shows another workspace's threads or events", async () => {
    expect((await eve.graphql(`query ($id: ID!) { messageThread(id: $id) { id } }`, { id: ids.threadShared })).data.messageThread).toBeNull();
    expect((await personThreads(eve, ids.p)).data.getTimelineThreadsFromPersonId).toEqual({ totalNumberOfThreads: 0, timelineThreads: [] });
    const events = await eve.graphql(`query ($id: ID!) { getTimelineCalendarEventsFromPersonId(personId: $id, page: 1, pageSize: 10) { totalNumberOfCalendarEvents } }`, { id: ids.p });
    expect(events.data.getTimelineCalendarEventsFromPersonId.totalNumberOfCalendarEvents).toBe(0);
  });

  it('refuses timelines without a session', async () => {
    const result = await personThreads(host.newClient(), ids.p);
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists calendar events newest first, hiding details of METADATA channels', async () => {
    const query = `query ($id: ID!, $page: Int, $pageSize: Int) { getTimelineCalendarEventsFromPersonId(personId: $id, page: $page, pageSize: $pageSize) { ${EVENTS} } }`;
    const result = await megan.graphql(query, { id: ids.p, page: 1, pageSize: 10 });
    expect(result.errors).toBeUndefined();
    const { totalNumberOfCalendarEvents, timelineCalendarEvents } = result.data.getTimelineCalendarEventsFromPersonId;
    expect(totalNumberOfCalendarEvents).toBe(2);
    const [metadata, shared] = timelineCalendarEvents;
    expect(metadata).toMatchObject({ id: ids.eventMetadata, visibility: 'METADATA', title: null, location: null, conferenceLink: null, startsAt: '2026-03-01T12:00:00.000Z' });
    expect(metadata.participants).toEqual([expect.objectContaining({ personId: ids.p, responseStatus: 'TENTATIVE', isOrganizer: false })]);
    expect(shared).toMatchObject({
      id: ids.eventShared,
      visibility: 'SHARE_EVERYTHING',
      title: 'Demo call',
      description: 'Agenda',
      location: 'Room 1',
      conferenceSolution: 'TEAMS',
      conferenceLink: { primaryLinkUrl: 'https://teams.example/join', primaryLinkLabel: 'Join' },
      isCanceled: false,
      isFullDay: false,
    });
    expect(shared.participants[0]).toMatchObject({ handle: 'alex.wilber@contoso.com', isOrganizer: true, responseStatus: 'ACCEPTED' });

    const secondPage = await megan.graphql(query, { id: ids.p, page: 2, pageSize: 1 });
    expect(secondPage.data.getTimelineCalendarEventsFromPersonId.timelineCalendarEvents.map((event: { id: string }) => event.id)).toEqual([ids.eventShared]);

    const asOwner = await alex.graphql(query, { id: ids.p, page: 1, pageSize: 10 });
    expect(asOwner.data.getTimelineCalendarEventsFromPersonId.timelineCalendarEvents[0]).toMatchObject({ visibility: 'SHARE_EVERYTHING', title: 'Private lunch' });

    const company = await megan.graphql(`query ($id: ID!) { getTimelineCalendarEventsFromCompanyId(companyId: $id, page: 1, pageSize: 10) { totalNumberOfCalendarEvents } }`, { id: ids.companyId });
    expect(company.data.getTimelineCalendarEventsFromCompanyId.totalNumberOfCalendarEvents).toBe(2);
  });
});
