import type { Request, Response } from 'express';
import { AdminError } from '../errors/error-factory.js';
import { messageJson } from '../mail/message-shape.js';
import { resolveDemoMailOptions, seedDemoMailbox } from '../seed/demo-mail-seeder.js';
import type { EmulatorStore } from '../store/emulator-store.js';
import type { MailboxStatus, MailSettingsPatch, NewMessageInput, SeedMailboxInput } from '../store/mail/mail-records.js';
import { userOf } from './admin-lookups.js';

type UserParams = { user: string };
type MessageParams = { user: string; id: string };

function messageOf(store: EmulatorStore, userId: string, id: string) {
  const message = store.mail.getMessage(userId, id);
  if (!message) throw new AdminError(404, `no message ${id} (a regular id changes when the message moves)`);
  return message;
}

const adminMessageJson = (view: Parameters<typeof messageJson>[0]) => ({
  ...messageJson(view, { immutableIds: false, bodyContentType: 'html' }),
  immutableId: view.immutableId,
});

/**
 * `POST /_admin/mailboxes/:user/seed`, either `{messages, folders?, nestedFolders?, threadRatio?, correspondents?,
 * sentRatio?, readRatio?, seed?, until?, spanDays?, replace?}` (synthetic mail in bulk) or `{kind: "demo", seed?, until?}`
 * (the mailbox replaced by its demo mail: a year of threads with the demo directory's people).
 */
export function seedMailboxHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const body = (req.body ?? {}) as Omit<SeedMailboxInput, 'user'> & { kind?: unknown };
    const user = userOf(store, req.params.user);
    const { kind, ...synthetic } = body;
    if (kind === 'demo') {
      const { seed = 1, until } = body as { seed?: number; until?: string };
      res.status(201).json(seedDemoMailbox(store.mail, user, resolveDemoMailOptions({ seed, ...(until !== undefined ? { until } : {}) })));
      return;
    }
    if (kind !== undefined && kind !== 'synthetic') throw new AdminError(400, 'kind must be "synthetic" (the default) or "demo"');
    res.status(201).json(store.mail.seedMailbox({ ...synthetic, user: user.id }));
  };
}

/** `GET /_admin/mailboxes/:user`: status and every folder (flattened, with counts). */
export function getMailboxHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const walk = (parent: string | null): ReturnType<EmulatorStore['mail']['listFolders']> =>
      store.mail.listFolders(user.id, parent).flatMap((folder) => [folder, ...walk(folder.id)]);
    res.json({ user: user.userPrincipalName, status: store.mail.getMailboxStatus(user.id), folders: walk(null) });
  };
}

/** `PUT /_admin/mailboxes/:user/status` `{status: enabled | MailboxNotEnabledForRESTAPI | ErrorAccountDisabled}` */
export function setMailboxStatusHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const status = (req.body as { status?: MailboxStatus } | undefined)?.status;
    res.json({ user: user.userPrincipalName, status: store.mail.setMailboxStatus(user.id, status as MailboxStatus) });
  };
}

/** `PUT /_admin/mailboxes/:user/folder-names` `{inbox?: "Boîte de réception", sentitems?: …}`: the mailbox's language. */
export function localizeFoldersHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const names = (req.body ?? {}) as Record<string, string>;
    res.json({ user: user.userPrincipalName, folders: store.mail.localizeDefaultFolders(user.id, names) });
  };
}

/** `POST /_admin/mailboxes/:user/folders` `{displayName, parent?}` */
export function createFolderHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const body = (req.body ?? {}) as { displayName?: string; parent?: string };
    res.status(201).json(store.mail.createFolder(user.id, body.displayName ?? '', body.parent ?? null));
  };
}

/** `GET /_admin/mailboxes/:user/messages?folder=&skip=&top=`: newest first, compact summaries with both ids. */
export function listMessagesHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    const { folder, skip, top } = req.query;
    res.json({
      value: store.mail.listMessageSummaries(user.id, {
        ...(typeof folder === 'string' ? { folder } : {}),
        ...(typeof skip === 'string' ? { skip: Number(skip) } : {}),
        ...(typeof top === 'string' ? { top: Number(top) } : {}),
      }),
    });
  };
}

/** `POST /_admin/mailboxes/:user/messages` (deliver) → 201 `{message, id, immutableId, acceptedAt}` */
export function deliverMessageHandler(store: EmulatorStore) {
  return (req: Request<UserParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    res.status(201).json(store.mail.deliverMessage(user.id, (req.body ?? {}) as NewMessageInput));
  };
}

/** `PATCH /_admin/mailboxes/:user/messages/:id` `{isRead}` → the message (Graph shape plus `immutableId`). */
export function updateMessageHandler(store: EmulatorStore) {
  return (req: Request<MessageParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    messageOf(store, user.id, req.params.id);
    const isRead = (req.body as { isRead?: boolean } | undefined)?.isRead;
    res.json(adminMessageJson(store.mail.setRead(user.id, req.params.id, isRead as boolean)));
  };
}

/** `POST /_admin/mailboxes/:user/messages/:id/move` `{destinationId}` → the moved message (new regular id). */
export function moveMessageHandler(store: EmulatorStore) {
  return (req: Request<MessageParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    messageOf(store, user.id, req.params.id);
    const destinationId = (req.body as { destinationId?: string } | undefined)?.destinationId;
    if (typeof destinationId !== 'string') throw new AdminError(400, 'destinationId is required');
    res.json(adminMessageJson(store.mail.moveMessage(user.id, req.params.id, destinationId)));
  };
}

/** `DELETE /_admin/mailboxes/:user/messages/:id[?permanent=true]`: to Deleted Items like Outlook's Delete key, or gone. */
export function deleteMessageHandler(store: EmulatorStore) {
  return (req: Request<MessageParams>, res: Response): void => {
    const user = userOf(store, req.params.user);
    messageOf(store, user.id, req.params.id);
    store.mail.deleteMessage(user.id, req.params.id, { permanent: req.query.permanent === 'true' });
    res.status(204).end();
  };
}

/** `POST /_admin/delta/invalidate` `{user?, folder?}`: later use of those delta/skip tokens answers 410. */
export function invalidateDeltaHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    const body = (req.body ?? {}) as { user?: string; folder?: string };
    if (body.folder && !body.user) throw new AdminError(400, 'folder needs user');
    const user = body.user ? userOf(store, body.user).id : undefined;
    res.json({ invalidatedFolders: store.mail.invalidateDeltaTokens({ ...(user ? { user } : {}), ...(body.folder ? { folder: body.folder } : {}) }) });
  };
}

/** `GET /_admin/mail-settings` */
export function getMailSettingsHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    res.json(store.mail.getSettings());
  };
}

/** `PUT /_admin/mail-settings` `{throttling?: {...}, faults?: {...}, delta?: {...}}` (partial, nested). */
export function updateMailSettingsHandler(store: EmulatorStore) {
  return (req: Request, res: Response): void => {
    res.json(store.mail.updateSettings((req.body ?? {}) as MailSettingsPatch));
  };
}

/** `GET /_admin/requests`: counters per (app, mailbox). */
export function requestCountersHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    const value = store.outlookLimits.getRequestCounters();
    res.json({ value, totalCounted: value.reduce((sum, counter) => sum + counter.counted, 0) });
  };
}

/** `DELETE /_admin/requests`: counters back to zero (the throttling windows are kept). */
export function resetRequestCountersHandler(store: EmulatorStore) {
  return (_req: Request, res: Response): void => {
    store.outlookLimits.resetRequestCounters();
    res.status(204).end();
  };
}
