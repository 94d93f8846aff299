import { MEGAN, useTestEmulator } from './support/emulator-suite.js';
import { mailClient, type Json, type MailClient } from './support/mail-client.js';
import { tokenWithScopes } from './support/scoped-token.js';

const ALEX = 'alex.wilber@contoso.com';
const READ_WRITE = ['User.Read', 'MailboxSettings.ReadWrite', 'Calendars.Read'];

describe('mailbox settings', () => {
  const t = useTestEmulator({}, { resetEachTest: true });
  let c: MailClient;
  beforeEach(async () => {
    c = mailClient(t, await tokenWithScopes(t, READ_WRITE));
  });

  it("reads every setting, with the demo seed's zone and working hours per user", async () => {
    const answer = await c.graph('/me/mailboxSettings');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      '@odata.context': expect.stringMatching(/\$metadata#users\('[^']+'\)\/mailboxSettings$/),
      timeZone: 'Pacific Standard Time',
      language: { locale: 'en-US', displayName: 'English (United States)' },
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'Pacific Standard Time' },
      },
      userPurpose: 'user',
      dateFormat: expect.any(String),
      timeFormat: expect.any(String),
      delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
      automaticRepliesSetting: { status: 'disabled', externalAudience: 'all', scheduledStartDateTime: { timeZone: 'UTC' } },
    });
    const alex = mailClient(t, await tokenWithScopes(t, READ_WRITE, ALEX));
    const alexSettings = (await alex.graph('/me/mailboxSettings')).body;
    expect(alexSettings.timeZone).toBe('Eastern Standard Time');
    expect(alexSettings.workingHours).toEqual({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday'], startTime: '09:30:00.0000000', endTime: '18:00:00.0000000', timeZone: { name: 'Eastern Standard Time' },
    });
    const personal = mailClient(t, await tokenWithScopes(t, ['User.Read', 'MailboxSettings.Read'], 'demo.user@outlook.com'));
    expect((await personal.graph('/me/mailboxSettings/timeZone')).body.value).toBe('GMT Standard Time');
  });

  it('answers one part alone, $select of parts, and refuses other query options', async () => {
    const zone = await c.graph('/me/mailboxSettings/timeZone');
    expect(zone.body).toEqual({ '@odata.context': expect.stringMatching(/mailboxSettings\/timeZone$/), value: 'Pacific Standard Time' });
    const hours = await c.graph(`/users/${MEGAN}/mailboxSettings/workingHours`);
    expect(hours.body).toMatchObject({ '@odata.context': expect.stringMatching(/mailboxSettings\/workingHours$/), startTime: '08:00:00.0000000' });
    expect((await c.graph('/me/mailboxSettings/userPurpose')).body.value).toBe('user');
    expect((await c.graph('/me/mailboxSettings/automaticRepliesSetting')).body.status).toBe('disabled');
    const selected = await c.graph('/me/mailboxSettings?$select=timeZone,workingHours');
    expect(Object.keys(selected.body).sort()).toEqual(['@odata.context', 'timeZone', 'workingHours']);
    expect((await c.graph('/me/mailboxSettings?$select=nonsense')).status).toBe(400);
    expect((await c.graph('/me/mailboxSettings?$top=1')).status).toBe(400);
    expect((await c.graph('/me/mailboxSettings/timeZone?$select=value')).status).toBe(400);
  });

  it("updates working hours and the zone, answering with what changed, and getSchedule shows them", async () => {
    const patch = await c.graph('/me/mailboxSettings', {
      method: 'PATCH',
      body: { workingHours: { endTime: '18:30:00.0000000', daysOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'], timeZone: { name: 'Romance Standard Time' } } },
    });
    expect(patch.status).toBe(200);
    expect(patch.body).toEqual({
      '@odata.context': expect.stringMatching(/mailboxSettings$/),
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
        startTime: '08:00:00.0000000', endTime: '18:30:00.0000000', timeZone: { name: 'Romance Standard Time' },
      },
    });
    expect((await c.graph('/me/mailboxSettings', { method: 'PATCH', body: { timeZone: 'Europe/Berlin' } })).body.timeZone).toBe('Europe/Berlin');
    const schedule = await c.graph('/me/calendar/getSchedule', {
      method: 'POST',
      body: { schedules: [MEGAN], startTime: { dateTime: '2026-03-04T09:00:00', timeZone: 'UTC' }, endTime: { dateTime: '2026-03-04T10:00:00', timeZone: 'UTC' } },
    });
    expect(schedule.body.value[0].workingHours).toMatchObject({ endTime: '18:30:00.0000000', timeZone: { name: 'Romance Standard Time' } });
  });

  it('sets scheduled automatic replies as the example does, kept where mail tips read them', async () => {
    const patch = await c.graph('/me/mailboxSettings', {
      method: 'PATCH',
      body: {
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Me/mailboxSettings',
        automaticRepliesSetting: {
          status: 'Scheduled', externalReplyMessage: 'Away',
          scheduledStartDateTime: { dateTime: '2026-03-20T18:00:00.0000000', timeZone: 'UTC' },
          scheduledEndDateTime: { dateTime: '2026-03-28T18:00:00.0000000', timeZone: 'UTC' },
        },
      },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.automaticRepliesSetting).toMatchObject({
      status: 'scheduled', externalAudience: 'all', externalReplyMessage: 'Away',
      scheduledStartDateTime: { dateTime: '2026-03-20T18:00:00.0000000', timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: '2026-03-28T18:00:00.0000000', timeZone: 'UTC' },
    });
    expect((await c.admin(`/mailboxes/${MEGAN}/automatic-replies`)).body).toMatchObject({ status: 'scheduled', scheduledStartDateTime: '2026-03-20T18:00:00.000Z' });
  });

  it("refuses bad working hours with the documented errors, changing nothing", async () => {
    const refused = async (body: Json, code: string, status = 400) => {
      const answer = await c.graph('/me/mailboxSettings', { method: 'PATCH', body });
      expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status, code });
    };
    await refused({ workingHours: { startTime: '08' } }, 'RequestBodyRead');
    await refused({ workingHours: { startTime: '18:00:00', endTime: '09:00:00' } }, 'ErrorInvalidTimeSettings');
    await refused({ workingHours: { daysOfWeek: ['RandomDay'] } }, 'InvalidArguments');
    await refused({ timeZone: 'Mars/Olympus' }, 'InvalidTimeZone');
    await refused({ workingHours: { timeZone: { name: 'Nowhere Standard Time' } } }, 'InvalidTimeZone');
    await refused({ timeZone: 'UTC', automaticRepliesSetting: { status: 'sometimes' } }, 'RequestBodyRead');
    await refused({ userPurpose: 'shared' }, 'ErrorInvalidRequest');
    await refused({ colour: 'blue' }, 'RequestBodyRead');
    await refused({ workingHours: { timeZone: { '@odata.type': '#microsoft.graph.customTimeZone', bias: -300, name: 'Customized Time Zone' } } }, 'NotImplemented', 501);
    const settings = (await c.graph('/me/mailboxSettings')).body;
    expect(settings.timeZone).toBe('Pacific Standard Time');
    expect(settings.workingHours.startTime).toBe('08:00:00.0000000');
  });

  it("needs MailboxSettings.Read to read, .ReadWrite to write, and reaches only the caller's own mailbox", async () => {
    const reader = mailClient(t, await tokenWithScopes(t, ['User.Read', 'MailboxSettings.Read']));
    expect((await reader.graph('/me/mailboxSettings')).status).toBe(200);
    expect((await reader.graph('/me/mailboxSettings', { method: 'PATCH', body: { timeZone: 'UTC' } })).body.error.code).toBe('ErrorAccessDenied');
    const mailOnly = mailClient(t, await tokenWithScopes(t, ['User.Read', 'Mail.Read']));
    expect((await mailOnly.graph('/me/mailboxSettings/workingHours')).status).toBe(403);
    expect((await c.graph(`/users/${ALEX}/mailboxSettings`)).status).toBe(403);
  });

  it('sets zone, working hours and free/busy sharing per user through the admin API', async () => {
    const set = await c.admin(`/mailboxes/${ALEX}/mailbox-settings`, 'PUT', {
      timeZone: 'Europe/Paris', workingHours: { startTime: '07:00', timeZone: 'Europe/Paris' }, freeBusySharing: 'limitedDetails',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      user: ALEX, timeZone: 'Europe/Paris', freeBusySharing: 'limitedDetails',
      workingHours: { startTime: '07:00:00', endTime: '18:00:00', timeZone: 'Europe/Paris', daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday'] },
    });
    expect((await c.admin(`/mailboxes/${ALEX}/mailbox-settings`)).body.timeZone).toBe('Europe/Paris');
    const bad = await c.admin(`/mailboxes/${ALEX}/mailbox-settings`, 'PUT', { workingHours: { startTime: '19:00', endTime: '08:00' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('Start Time should occur before End Time.');
    expect((await c.admin('/mailboxes/nobody@contoso.com/mailbox-settings', 'PUT', { timeZone: 'UTC' })).status).toBe(404);
    const alex = mailClient(t, await tokenWithScopes(t, READ_WRITE, ALEX));
    expect((await alex.graph('/me/mailboxSettings/workingHours')).body).toMatchObject({ startTime: '07:00:00.0000000', timeZone: { name: 'Europe/Paris' } });
    t.emulator.store.reset();
    expect((await c.admin(`/mailboxes/${ALEX}/mailbox-settings`)).body.timeZone).toBe('Eastern Standard Time');
  });
});
