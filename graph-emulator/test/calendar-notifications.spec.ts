import { calendarClient } from './support/calendar-client.js';
import { MEGAN } from './support/emulator-suite.js';
import type { Json } from './support/mail-client.js';
import { inMinutes, useNotificationSuite } from './support/notification-suite.js';

const at = (day: string, hour: string) => ({ dateTime: `2026-${day}T${hour}:00:00`, timeZone: 'UTC' });

describe('calendar: change notifications on /me/events', () => {
  const { t, receiver, c } = useNotificationSuite(calendarClient);

  it('notifies created, updated and deleted events (Graph and Outlook-side changes alike) in the documented shape', async () => {
    const subscription = await c.graph('/subscriptions', {
      method: 'POST',
      body: { changeType: 'created,updated,deleted', notificationUrl: `${receiver.baseUrl}/notify`, resource: '/me/events', expirationDateTime: inMinutes(600), clientState: 'calendar-1' },
    });
    expect(subscription.status).toBe(201);
    const made = (await c.graph('/me/events', { method: 'POST', body: { subject: 'Pushed', start: at('03-05', '10'), end: at('03-05', '11') } })).body;
    await receiver.waitFor(() => receiver.items('/notify').length === 1);
    await c.admin(`/mailboxes/${MEGAN}/events/${made.id}`, 'PATCH', { subject: 'Edited in Outlook' });
    await receiver.waitFor(() => receiver.items('/notify').length === 2);
    await c.graph(`/me/events/${made.id}`, { method: 'DELETE' });
    await receiver.waitFor(() => receiver.items('/notify').length === 3);
    const items = receiver.items('/notify') as Json[];
    expect(items.map((item) => item.changeType)).toEqual(['created', 'updated', 'deleted']);
    const userId = t.emulator.store.findUser(MEGAN)!.id;
    expect(items[0]).toMatchObject({
      subscriptionId: subscription.body.id,
      clientState: 'calendar-1',
      resource: `Users/${userId}/Events/${made.id}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': `Users/${userId}/Events/${made.id}`, id: made.id, '@odata.etag': `W/"${made.changeKey}"` },
    });
    // A mail subscription hears nothing of events.
    expect(receiver.items('/notify').every((item: Json) => item.resource.includes('/Events/'))).toBe(true);
  });

  it('an occurrence edited or cancelled changes its series: each notification names the master with a new etag', async () => {
    await c.graph('/subscriptions', {
      method: 'POST',
      body: { changeType: 'updated', notificationUrl: `${receiver.baseUrl}/series`, resource: '/me/events', expirationDateTime: inMinutes(600), clientState: 'calendar-2' },
    });
    const master = (await c.graph('/me/events', {
      method: 'POST',
      body: { subject: 'Stand-up', start: at('04-06', '09'), end: at('04-06', '10'), recurrence: { pattern: { type: 'daily', interval: 1 }, range: { type: 'numbered', startDate: '2026-04-06', numberOfOccurrences: 5 } } },
    })).body;
    const occurrences = (await c.graph(`/me/events/${master.id}/instances?startDateTime=2026-04-06T00:00:00Z&endDateTime=2026-04-11T00:00:00Z`)).body.value as Json[];
    await c.graph(`/me/events/${occurrences[1].id}`, { method: 'PATCH', body: { subject: 'Stand-up (demo)' } });
    await c.graph(`/me/events/${occurrences[2].id}`, { method: 'PATCH', body: { subject: 'Stand-up (retro)' } });
    await c.graph(`/me/events/${occurrences[3].id}`, { method: 'DELETE' });
    await receiver.waitFor(() => receiver.items('/series').length === 3);
    const items = receiver.items('/series') as Json[];
    expect(items.every((item) => item.resourceData.id === master.id)).toBe(true);
    const etags = items.map((item) => item.resourceData['@odata.etag']);
    expect(new Set([...etags, `W/"${master.changeKey}"`]).size).toBe(4);
    const now = (await c.graph(`/me/events/${master.id}`)).body;
    expect(etags[2]).toBe(`W/"${now.changeKey}"`);
    // The plain occurrences follow their master's changeKey; the exceptions keep their own.
    const after = (await c.graph(`/me/events/${master.id}/instances?startDateTime=2026-04-06T00:00:00Z&endDateTime=2026-04-11T00:00:00Z`)).body.value as Json[];
    expect(after.map((instance) => instance.type)).toEqual(['occurrence', 'exception', 'exception', 'occurrence']);
    expect(after[0].changeKey).toBe(now.changeKey);
    expect(after[1].changeKey).not.toBe(now.changeKey);
  });
});
