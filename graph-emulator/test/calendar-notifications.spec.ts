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
});
