import { DEMO_USERS } from '../src/index.js';
import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { mailClient, type Json, type MailClient } from './support/mail-client.js';
import { tokenWithScopes } from './support/scoped-token.js';

const ALEX = 'alex.wilber@contoso.com';
const megan = DEMO_USERS.find((user) => user.userPrincipalName === MEGAN)!;
const SCOPES = ['User.Read', 'OnlineMeetings.ReadWrite', 'Calendars.ReadWrite'];
// Example 1 of Create onlineMeeting (application-post-onlinemeetings.md).
const EXAMPLE = { startDateTime: '2019-07-12T14:30:34.2444915-07:00', endDateTime: '2019-07-12T15:00:34.2464912-07:00', subject: 'User Token Meeting' };
const JOIN_URL = new RegExp(
  String.raw`^https://teams\.microsoft\.com/l/meetup-join/19%3ameeting_(?:[A-Za-z0-9]|%2b|%2f)+%40thread\.v2/0\?context=%7b%22Tid%22%3a%22${megan.tenantId}%22%2c%22Oid%22%3a%22${megan.id}%22%7d$`,
);

describe('Teams online meetings', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  beforeEach(async () => {
    c = mailClient(t, await tokenWithScopes(t, SCOPES));
  });
  const create = (body: Json, client = c) => client.graph('/me/onlineMeetings', { method: 'POST', body });

  it('creates a standalone meeting with a join URL, a meeting id and the organizer, not on the calendar', async () => {
    const made = await create(EXAMPLE);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      '@odata.context': expect.stringMatching(new RegExp(`\\$metadata#users\\('${megan.id}'\\)/onlineMeetings/\\$entity$`)),
      '@odata.type': '#microsoft.graph.onlineMeeting',
      id: expect.any(String),
      subject: 'User Token Meeting',
      startDateTime: '2019-07-12T21:30:34.2440000Z',
      endDateTime: '2019-07-12T22:00:34.2460000Z',
      creationDateTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/),
      joinWebUrl: expect.stringMatching(JOIN_URL),
      joinMeetingIdSettings: { isPasscodeRequired: false, joinMeetingId: expect.stringMatching(/^\d{10,}$/), passcode: null },
      chatInfo: { threadId: expect.stringMatching(/^19:meeting_.+@thread\.v2$/), messageId: '0' },
      participants: { organizer: { upn: MEGAN, role: 'presenter', identity: { user: { id: megan.id, tenantId: megan.tenantId } } } },
    });
    expect(decodeURIComponent(made.body.joinWebUrl)).toContain(made.body.chatInfo.threadId);
    expect((await c.graph('/me/events')).body.value).toEqual([]);
    const read = await c.graph(`/me/onlineMeetings/${made.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.joinWebUrl).toBe(made.body.joinWebUrl);
    const selected = await c.graph(`/me/onlineMeetings/${made.body.id}?$select=subject`);
    expect(selected.body).toMatchObject({ id: made.body.id, subject: 'User Token Meeting' });
    expect(selected.body.joinWebUrl).toBeUndefined();
    expect((await c.graph('/me/onlineMeetings/nope')).status).toBe(404);
    const other = await create({ subject: 'Second' });
    expect(other.body.joinWebUrl).not.toBe(made.body.joinWebUrl);
    expect(other.body.joinMeetingIdSettings.joinMeetingId).not.toBe(made.body.joinMeetingIdSettings.joinMeetingId);
  });

  it('generates a passcode when asked, and refuses a custom one and what it does not keep', async () => {
    const made = await create({ ...EXAMPLE, joinMeetingIdSettings: { isPasscodeRequired: true } });
    expect(made.body.joinMeetingIdSettings).toEqual({ isPasscodeRequired: true, joinMeetingId: expect.any(String), passcode: expect.stringMatching(/^\S{6}$/) });
    expect((await create({ ...EXAMPLE, joinMeetingIdSettings: { isPasscodeRequired: true, passcode: '123abc' } })).status).toBe(400);
    expect((await create({ ...EXAMPLE, colour: 'blue' })).status).toBe(400);
    expect((await create({ ...EXAMPLE, startDateTime: 'soon' })).status).toBe(400);
    expect((await create({ ...EXAMPLE, endDateTime: '2019-07-12T13:00:00-07:00' })).status).toBe(400);
    const lobby = await create({ ...EXAMPLE, lobbyBypassSettings: { scope: 'everyone' } });
    expect({ status: lobby.status, code: lobby.body.error.code }).toEqual({ status: 501, code: 'NotImplemented' });
    expect((await c.graph('/me/onlineMeetings?$top=1', { method: 'POST', body: EXAMPLE })).status).toBe(400);
  });

  it('finds a meeting by its join URL or meeting id, and a Teams event’s meeting too, with the same form of join URL', async () => {
    const made = (await create(EXAMPLE)).body;
    const byUrl = await c.graph(`/me/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq '${made.joinWebUrl}'`)}`);
    expect(byUrl.status).toBe(200);
    expect(byUrl.body.value.map((meeting: Json) => meeting.id)).toEqual([made.id]);
    const byId = await c.graph(`/me/onlineMeetings?$filter=${encodeURIComponent(`joinMeetingIdSettings/joinMeetingId eq '${made.joinMeetingIdSettings.joinMeetingId}'`)}`);
    expect(byId.body.value[0].id).toBe(made.id);
    expect((await c.graph('/me/onlineMeetings')).status).toBe(400);
    expect((await c.graph(`/me/onlineMeetings?$filter=${encodeURIComponent("JoinWebUrl eq 'https://teams.microsoft.com/l/meetup-join/none'")}`)).status).toBe(400);

    const event = await c.graph('/me/events', {
      method: 'POST',
      body: {
        subject: 'Demo', isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness',
        start: { dateTime: '2026-03-10T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-10T15:30:00', timeZone: 'UTC' },
        attendees: [{ type: 'required', emailAddress: { name: 'Alex Wilber', address: ALEX } }],
      },
    });
    const joinUrl = event.body.onlineMeeting.joinUrl as string;
    expect(joinUrl).toMatch(JOIN_URL);
    const patched = await c.graph(`/me/events/${event.body.id}`, { method: 'PATCH', body: { subject: 'Demo, moved', isOnlineMeeting: true } });
    expect(patched.body.onlineMeeting.joinUrl).toBe(joinUrl);
    const behind = await c.graph(`/me/onlineMeetings?$filter=${encodeURIComponent(`JoinWebUrl eq '${joinUrl}'`)}`);
    expect(behind.body.value[0]).toMatchObject({ subject: 'Demo', startDateTime: '2026-03-10T15:00:00.0000000Z', joinWebUrl: joinUrl });
    const listed = (await c.admin(`/online-meetings?user=${MEGAN}`)).body.value as Json[];
    expect(listed.map((meeting) => meeting.joinWebUrl)).toEqual([made.joinWebUrl, joinUrl]);
    expect(listed[0]).toMatchObject({ organizer: MEGAN, subject: 'User Token Meeting', startDateTime: '2019-07-12T21:30:34.244Z', joinMeetingId: made.joinMeetingIdSettings.joinMeetingId });
    expect((await c.admin(`/online-meetings?user=${ALEX}`)).body.value).toEqual([]);
    const alex = mailClient(t, await tokenWithScopes(t, ['User.Read', 'Calendars.Read'], ALEX));
    const copy = (await alex.graph('/me/events')).body.value.find((candidate: Json) => candidate.subject === 'Demo, moved');
    expect(copy.onlineMeeting.joinUrl).toBe(joinUrl);
  });

  it('needs OnlineMeetings.ReadWrite to create, and refuses personal accounts as Teams does', async () => {
    const reader = mailClient(t, await tokenWithScopes(t, ['User.Read', 'OnlineMeetings.Read']));
    expect((await create(EXAMPLE, reader)).status).toBe(403);
    const made = (await create(EXAMPLE)).body;
    expect((await reader.graph(`/me/onlineMeetings/${made.id}`)).status).toBe(200);
    const alex = mailClient(t, await tokenWithScopes(t, SCOPES, ALEX));
    expect((await alex.graph(`/me/onlineMeetings/${made.id}`)).status).toBe(404);
    expect((await c.graph(`/users/${ALEX}/onlineMeetings`, { method: 'POST', body: EXAMPLE })).status).toBe(403);
    expect((await c.graph(`/users/${MEGAN}/onlineMeetings`, { method: 'POST', body: EXAMPLE })).status).toBe(201);

    const personal = mailClient(t, await tokenWithScopes(t, SCOPES, 'demo.user@outlook.com'));
    const refused = await create(EXAMPLE, personal);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'AuthenticationError', message: 'Error authenticating with resource' });
    const event = await personal.graph('/me/events', {
      method: 'POST',
      body: { subject: 'Call', isOnlineMeeting: true, start: { dateTime: '2026-03-10T15:00:00', timeZone: 'UTC' }, end: { dateTime: '2026-03-10T15:30:00', timeZone: 'UTC' } },
    });
    expect(event.status).toBe(201);
    expect(event.body.onlineMeeting).toBeNull();
    expect((await personal.graph('/me/calendar')).body.allowedOnlineMeetingProviders).toEqual([]);
  });
});
