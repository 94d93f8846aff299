import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import { AdminError } from '../errors/error-factory.js';
import type { NotificationService } from '../notifications/notification-service.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import { listAppsHandler, registerAppHandler, setAppGroupMembershipClaimsHandler, setAppSecretHandler } from './apps.handler.js';
import {
  createCalendarHandler,
  createEventHandler,
  deleteEventHandler,
  getEventHandler,
  invalidateCalendarDeltaHandler,
  listCalendarsHandler,
  respondEventHandler,
  seedCalendarHandler,
  updateCalendarHandler,
  updateEventHandler,
} from './calendars.handler.js';
import {
  createContactFolderHandler,
  createContactHandler,
  deleteContactHandler,
  getContactHandler,
  getContactSettingsHandler,
  invalidateContactDeltaHandler,
  listContactFoldersHandler,
  listContactsHandler,
  seedContactsHandler,
  updateContactHandler,
  updateContactSettingsHandler,
} from './contacts.handler.js';
import {
  completeTaskHandler,
  createTaskHandler,
  createTodoListHandler,
  deleteTaskHandler,
  getTaskHandler,
  invalidateTodoDeltaHandler,
  listTasksHandler,
  listTodoListsHandler,
  moveTaskHandler,
  seedTodoHandler,
  updateTaskHandler,
} from './todo.handler.js';
import { getConfigHandler, updateConfigHandler } from './config.handler.js';
import { grantAdminConsentHandler, listConsentsHandler, withdrawUserConsentHandler } from './consents.handler.js';
import {
  createFolderHandler,
  deleteMessageHandler,
  deliverMessageHandler,
  getMailboxHandler,
  getMailSettingsHandler,
  invalidateDeltaHandler,
  listMessagesHandler,
  moveMessageHandler,
  requestCountersHandler,
  resetRequestCountersHandler,
  seedMailboxHandler,
  setMailboxStatusHandler,
  localizeFoldersHandler,
  updateMailSettingsHandler,
  updateMessageHandler,
} from './mailboxes.handler.js';
import {
  advanceClockHandler,
  expireSubscriptionHandler,
  getAnySubscriptionHandler,
  getClockHandler,
  getNotificationSettingsHandler,
  listAllSubscriptionsHandler,
  listDeliveriesHandler,
  resetDeliveriesHandler,
  triggerLifecycleHandler,
  updateNotificationSettingsHandler,
  waitIdleHandler,
} from './notifications.handler.js';
import {
  clearOutboundHandler,
  expireUploadSessionHandler,
  getAutomaticRepliesHandler,
  getOutboundAttachmentContentHandler,
  getOutboundHandler,
  getSendingLimitsHandler,
  listOutboundHandler,
  listUploadSessionsHandler,
  updateAutomaticRepliesHandler,
  updateSendingLimitsHandler,
} from './outbound.handler.js';
import { getMailboxSettingsHandler, setMailboxSettingsHandler } from './mailbox-settings.handler.js';
import { listOnlineMeetingsHandler } from './online-meetings.handler.js';
import { resetHandler } from './reset.handler.js';
import { createTenantHandler, listTenantsHandler, setAdminOnlyPermissionsHandler, setUserConsentHandler } from './tenants.handler.js';
import {
  createItemHandler,
  createSiteHandler,
  deleteItemHandler,
  getDriveHandler,
  getFilesSettingsHandler,
  getUserDriveHandler,
  listSitesHandler,
  seedFilesHandler,
  updateFilesSettingsHandler,
  updateItemHandler,
} from './files.handler.js';
import { listTokensHandler } from './tokens.handler.js';
import { createUserHandler, listUsersHandler, revokeSessionsHandler, setDirectoryRolesHandler } from './users.handler.js';

// Room for a delivered message whose attachments are each just under Graph's 3 MB, base64-encoded.
const ADMIN_BODY_LIMIT = '16mb';

function adminErrorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof AdminError) {
    res.status(error.status).json({ error: error.message });
  } else if (error instanceof TypeError) {
    res.status(400).json({ error: error.message });
  } else if ((error as { status?: number }).status === 400) {
    res.status(400).json({ error: 'malformed JSON body' });
  } else if ((error as { status?: number }).status === 413) {
    res.status(413).json({ error: `the body is over the admin API's ${ADMIN_BODY_LIMIT}` });
  } else {
    console.error('[graph-emulator admin]', error);
    res.status(500).json({ error: 'internal error' });
  }
}

/** The emulator's own JSON API, mounted at `/_admin`. */
export function adminRouter(store: EmulatorStore, notifications?: NotificationService): Router {
  const router = express.Router();
  router.use(express.json({ limit: ADMIN_BODY_LIMIT }));
  router.post('/reset', resetHandler(store));
  router.get('/tenants', listTenantsHandler(store));
  router.post('/tenants', createTenantHandler(store));
  router.put('/tenants/:tenant/user-consent', setUserConsentHandler(store));
  router.put('/tenants/:tenant/admin-only-permissions', setAdminOnlyPermissionsHandler(store));
  router.get('/tenants/:tenant/sites', listSitesHandler(store));
  router.post('/tenants/:tenant/sites', createSiteHandler(store));
  router.get('/mailboxes/:user/drive', getUserDriveHandler(store));
  router.post('/mailboxes/:user/drive/items', createItemHandler(store));
  router.post('/mailboxes/:user/files-seed', seedFilesHandler(store));
  router.get('/drives/:driveId', getDriveHandler(store));
  router.post('/drives/:driveId/items', createItemHandler(store));
  router.patch('/drives/:driveId/items/:id', updateItemHandler(store));
  router.delete('/drives/:driveId/items/:id', deleteItemHandler(store));
  router.get('/files/settings', getFilesSettingsHandler(store));
  router.put('/files/settings', updateFilesSettingsHandler(store));
  router.get('/users', listUsersHandler(store));
  router.post('/users', createUserHandler(store));
  router.post('/users/:userIdOrUpn/revoke-sessions', revokeSessionsHandler(store));
  router.put('/users/:userIdOrUpn/directory-roles', setDirectoryRolesHandler(store));
  router.get('/apps', listAppsHandler(store));
  router.post('/apps', registerAppHandler(store));
  router.put('/apps/:clientId/secret', setAppSecretHandler(store));
  router.put('/apps/:clientId/group-membership-claims', setAppGroupMembershipClaimsHandler(store));
  router.get('/tokens', listTokensHandler(store));
  router.get('/config', getConfigHandler(store));
  router.put('/config', updateConfigHandler(store));
  router.get('/consents', listConsentsHandler(store));
  router.post('/consents', grantAdminConsentHandler(store));
  router.post('/consents/withdraw', withdrawUserConsentHandler(store));
  router.post('/mailboxes/:user/seed', seedMailboxHandler(store));
  router.get('/mailboxes/:user', getMailboxHandler(store));
  router.put('/mailboxes/:user/status', setMailboxStatusHandler(store));
  router.post('/mailboxes/:user/folders', createFolderHandler(store));
  router.put('/mailboxes/:user/folder-names', localizeFoldersHandler(store));
  router.get('/mailboxes/:user/messages', listMessagesHandler(store));
  router.post('/mailboxes/:user/messages', deliverMessageHandler(store));
  router.patch('/mailboxes/:user/messages/:id', updateMessageHandler(store));
  router.post('/mailboxes/:user/messages/:id/move', moveMessageHandler(store));
  router.delete('/mailboxes/:user/messages/:id', deleteMessageHandler(store));
  router.get('/mailboxes/:user/automatic-replies', getAutomaticRepliesHandler(store));
  router.patch('/mailboxes/:user/automatic-replies', updateAutomaticRepliesHandler(store));
  router.get('/mailboxes/:user/mailbox-settings', getMailboxSettingsHandler(store));
  router.put('/mailboxes/:user/mailbox-settings', setMailboxSettingsHandler(store));
  router.get('/outbound', listOutboundHandler(store));
  router.delete('/outbound', clearOutboundHandler(store));
  router.get('/online-meetings', listOnlineMeetingsHandler(store));
  router.get('/outbound/:id', getOutboundHandler(store));
  router.get('/outbound/:id/attachments/:attachmentId/content', getOutboundAttachmentContentHandler(store));
  router.get('/sending-limits', getSendingLimitsHandler(store));
  router.put('/sending-limits', updateSendingLimitsHandler(store));
  router.get('/upload-sessions', listUploadSessionsHandler(store));
  router.post('/upload-sessions/:id/expire', expireUploadSessionHandler(store));
  router.post('/delta/invalidate', invalidateDeltaHandler(store));
  router.get('/mailboxes/:user/calendars', listCalendarsHandler(store));
  router.post('/mailboxes/:user/calendars', createCalendarHandler(store));
  router.patch('/mailboxes/:user/calendars/:id', updateCalendarHandler(store));
  router.post('/mailboxes/:user/events', createEventHandler(store));
  router.post('/mailboxes/:user/calendar-seed', seedCalendarHandler(store));
  router.get('/mailboxes/:user/events/:id', getEventHandler(store));
  router.patch('/mailboxes/:user/events/:id', updateEventHandler(store));
  router.delete('/mailboxes/:user/events/:id', deleteEventHandler(store));
  router.post('/mailboxes/:user/events/:id/respond', respondEventHandler(store));
  router.post('/calendar/delta/invalidate', invalidateCalendarDeltaHandler(store));
  router.get('/mailboxes/:user/contact-folders', listContactFoldersHandler(store));
  router.post('/mailboxes/:user/contact-folders', createContactFolderHandler(store));
  router.get('/mailboxes/:user/contacts', listContactsHandler(store));
  router.post('/mailboxes/:user/contacts', createContactHandler(store));
  router.post('/mailboxes/:user/contacts-seed', seedContactsHandler(store));
  router.get('/mailboxes/:user/contacts/:id', getContactHandler(store));
  router.patch('/mailboxes/:user/contacts/:id', updateContactHandler(store));
  router.delete('/mailboxes/:user/contacts/:id', deleteContactHandler(store));
  router.post('/contacts/delta/invalidate', invalidateContactDeltaHandler(store));
  router.get('/contacts/settings', getContactSettingsHandler(store));
  router.put('/contacts/settings', updateContactSettingsHandler(store));
  router.get('/mailboxes/:user/todo/lists', listTodoListsHandler(store));
  router.post('/mailboxes/:user/todo/lists', createTodoListHandler(store));
  router.get('/mailboxes/:user/todo/lists/:listId/tasks', listTasksHandler(store));
  router.post('/mailboxes/:user/todo/lists/:listId/tasks', createTaskHandler(store));
  router.get('/mailboxes/:user/todo/tasks/:id', getTaskHandler(store));
  router.patch('/mailboxes/:user/todo/tasks/:id', updateTaskHandler(store));
  router.delete('/mailboxes/:user/todo/tasks/:id', deleteTaskHandler(store));
  router.post('/mailboxes/:user/todo/tasks/:id/complete', completeTaskHandler(store));
  router.post('/mailboxes/:user/todo/tasks/:id/move', moveTaskHandler(store));
  router.post('/mailboxes/:user/todo-seed', seedTodoHandler(store));
  router.post('/todo/delta/invalidate', invalidateTodoDeltaHandler(store));
  router.get('/mail-settings', getMailSettingsHandler(store));
  router.put('/mail-settings', updateMailSettingsHandler(store));
  router.get('/requests', requestCountersHandler(store));
  router.delete('/requests', resetRequestCountersHandler(store));
  router.get('/notifications/settings', getNotificationSettingsHandler(store));
  router.put('/notifications/settings', updateNotificationSettingsHandler(store));
  router.get('/notifications/subscriptions', listAllSubscriptionsHandler(store));
  router.get('/notifications/subscriptions/:id', getAnySubscriptionHandler(store));
  router.get('/notifications/clock', getClockHandler(store));
  router.delete('/notifications/deliveries', resetDeliveriesHandler(store));
  if (notifications) {
    router.post('/notifications/subscriptions/:id/lifecycle', triggerLifecycleHandler(store, notifications));
    router.post('/notifications/subscriptions/:id/expire', expireSubscriptionHandler(store, notifications));
    router.get('/notifications/deliveries', listDeliveriesHandler(store, notifications));
    router.post('/notifications/clock', advanceClockHandler(notifications));
    router.post('/notifications/idle', waitIdleHandler(notifications));
  }
  router.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'no such admin route' });
  });
  router.use(adminErrorHandler);
  return router;
}
