import { MEGAN } from './support/emulator-suite.js';
import type { Json } from './support/mail-client.js';
import { contactsClient } from './support/pim-client.js';
import { inMinutes, useNotificationSuite } from './support/notification-suite.js';

describe('contacts: change notifications on /me/contacts and on a folder', () => {
  const { t, receiver, c } = useNotificationSuite(contactsClient);
  const subscribe = (resource: string, path: string, extra: Json = {}) => c.graph('/subscriptions', {
    method: 'POST',
    body: { changeType: 'created,updated,deleted', notificationUrl: `${receiver.baseUrl}${path}`, resource, expirationDateTime: inMinutes(600), clientState: 'contacts-1', ...extra },
  });

  it('notifies created, updated and deleted contacts (Graph and Outlook-side changes alike) in the documented shape', async () => {
    const subscription = await subscribe('/me/contacts', '/all');
    expect(subscription.status).toBe(201);
    const made = (await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'Pushed' } })).body;
    await receiver.waitFor(() => receiver.items('/all').length === 1);
    const edited = await c.admin(`/mailboxes/${MEGAN}/contacts/${made.id}`, 'PATCH', { jobTitle: 'Edited in Outlook' });
    await receiver.waitFor(() => receiver.items('/all').length === 2);
    await c.graph(`/me/contacts/${made.id}`, { method: 'DELETE' });
    await receiver.waitFor(() => receiver.items('/all').length === 3);
    const items = receiver.items('/all');
    expect(items.map((item) => item.changeType)).toEqual(['created', 'updated', 'deleted']);
    const userId = t.emulator.store.findUser(MEGAN)!.id;
    expect(items[1]).toMatchObject({
      subscriptionId: subscription.body.id,
      clientState: 'contacts-1',
      resource: `Users/${userId}/Contacts/${made.id}`,
      resourceData: { '@odata.type': '#Microsoft.Graph.Contact', '@odata.id': `Users/${userId}/Contacts/${made.id}`, id: made.id, '@odata.etag': `W/"${edited.body.changeKey}"` },
    });
  });

  it("narrows a subscription on /me/contactFolders('{id}')/contacts to that folder, and refuses an unknown folder", async () => {
    const home = (await c.graph('/me/contactFolders')).body.value[0] as Json;
    const leads = (await c.graph(`/me/contactFolders/${home.id}/childFolders`, { method: 'POST', body: { displayName: 'Leads' } })).body;
    expect((await subscribe(`/me/contactFolders('${leads.id}')/contacts`, '/leads')).status).toBe(201);
    expect((await subscribe('/me/contactFolders/AAMkNope/contacts', '/nope')).status).toBe(404);
    await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'Home' } });
    const lead = (await c.graph(`/me/contactFolders/${leads.id}/contacts`, { method: 'POST', body: { givenName: 'Lead' } })).body;
    await receiver.waitFor(() => receiver.items('/leads').length >= 1);
    expect(await t.emulator.notifications.idle()).toBe(true);
    expect(receiver.items('/leads').map((item) => item.resourceData.id)).toEqual([lead.id]);
  });

  it('drops and duplicates contact notifications with the same knobs as mail and events; a mail scope cannot subscribe', async () => {
    await subscribe('/me/contacts', '/knobs');
    await c.admin('/notifications/settings', 'PUT', { duplicateRate: 1 });
    await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'Twice' } });
    await receiver.waitFor(() => receiver.items('/knobs').length === 2);
    await c.admin('/notifications/settings', 'PUT', { duplicateRate: 0, dropRate: 1 });
    await c.graph('/me/contacts', { method: 'POST', body: { givenName: 'Never' } });
    expect(await t.emulator.notifications.idle()).toBe(true);
    expect(receiver.items('/knobs')).toHaveLength(2);
    await c.admin('/notifications/settings', 'PUT', { dropRate: 0 });
    // The Outlook lifetime is a setting: 10,080 minutes by default (older table), 4,230 in newer revisions.
    expect((await subscribe('/me/contacts', '/long', { expirationDateTime: inMinutes(5000) })).status).toBe(201);
    await c.admin('/notifications/settings', 'PUT', { outlookMaxLifetimeMinutes: 4230 });
    expect((await subscribe('/me/contacts', '/long', { expirationDateTime: inMinutes(5000) })).status).toBe(400);
    await c.admin('/notifications/settings', 'PUT', { outlookMaxLifetimeMinutes: 10_080 });
    const mailOnly = await contactsClient(t, MEGAN, 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.Read openid profile offline_access');
    const denied = await mailOnly.graph('/subscriptions', { method: 'POST', body: { changeType: 'created', notificationUrl: `${receiver.baseUrl}/x`, resource: '/me/contacts', expirationDateTime: inMinutes(600) } });
    expect(denied.status).toBe(403);
  });
});
