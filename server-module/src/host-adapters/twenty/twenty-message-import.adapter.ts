import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  ImportedMessage,
  MessageFolderInput,
  MessageFolderRecord,
  MessageImportRecordsPort,
  MessagesPage,
  MessagesPageResult,
} from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { ParticipantDirectory, type ParticipantLookup } from './participant-directory.js';
import { contactCandidates, type ContactCreationSettings } from './contact-auto-creation.policy.js';
import { blocklistHas, loadOwnerBlocklist } from './owner-blocklist.js';
import { createContacts } from './twenty-contact-creator.js';
import { deleteOrphanedMessages } from './twenty-orphaned-messages.js';

const FOLDER_COLUMNS = `"id", "messageChannelId", "externalId", "name", "parentFolderId", "isSentFolder", "isSynced", "syncCursor"`;

interface ChannelContext extends ContactCreationSettings {
  blocked: Set<string>;
}

/** Imported mail on the Twenty-style schema. One instance per sync run: it caches the workspace directory. */
export class TwentyMessageImportAdapter implements MessageImportRecordsPort {
  private directory?: ParticipantDirectory;
  private readonly channels = new Map<string, ChannelContext>();

  constructor(private readonly dataSource: DataSource) {}

  async upsertFolders(workspaceId: string, messageChannelId: string, folders: MessageFolderInput[]): Promise<MessageFolderRecord[]> {
    return this.dataSource.transaction(async (manager) => {
      if (folders.length > 0) {
        await manager.query(
          `INSERT INTO "messageFolder" ("workspaceId", "messageChannelId", "externalId", "name", "parentFolderId", "isSentFolder")
           SELECT $1, $2, ext, name, parent, sent FROM unnest($3::text[], $4::text[], $5::text[], $6::boolean[]) AS t(ext, name, parent, sent)
           ON CONFLICT ("messageChannelId", "externalId") DO UPDATE SET "name" = EXCLUDED."name", "parentFolderId" = EXCLUDED."parentFolderId",
             "isSentFolder" = EXCLUDED."isSentFolder", "updatedAt" = now()`,
          [workspaceId, messageChannelId, folders.map((f) => f.externalId), folders.map((f) => f.name), folders.map((f) => f.parentExternalId), folders.map((f) => f.isSentFolder)],
        );
      }
      // Folders deleted in Outlook: their messages lose their folder and are swept at the end of the pass.
      await manager.query(
        `DELETE FROM "messageFolder" WHERE "workspaceId" = $1 AND "messageChannelId" = $2 AND NOT ("externalId" = ANY($3::text[]))`,
        [workspaceId, messageChannelId, folders.map((f) => f.externalId)],
      );
      return this.queryFolders(manager, workspaceId, messageChannelId);
    });
  }

  listFolders(workspaceId: string, messageChannelId: string): Promise<MessageFolderRecord[]> {
    return this.queryFolders(this.dataSource.manager, workspaceId, messageChannelId);
  }

  async setFolderSynced(workspaceId: string, messageChannelId: string, messageFolderId: string, isSynced: boolean): Promise<MessageFolderRecord | null> {
    const [row] = await updateReturning<MessageFolderRecord>(
      this.dataSource.manager,
      `UPDATE "messageFolder" SET "isSynced" = $4, "updatedAt" = now() WHERE "workspaceId" = $1 AND "messageChannelId" = $2 AND "id" = $3 RETURNING ${FOLDER_COLUMNS}`,
      [workspaceId, messageChannelId, messageFolderId, isSynced],
    );
    return row ?? null;
  }

  async saveMessagesPage(page: MessagesPage): Promise<MessagesPageResult> {
    // Most delta pages of a quick pass are empty: moving the cursor is all there is to write, nothing to look up.
    if (page.messages.length === 0 && page.removedExternalIds.length === 0) return this.moveCursor(page);
    const channel = await this.channelContext(page.workspaceId, page.messageChannelId);
    const byId = new Map<string, ImportedMessage>();
    for (const message of page.messages) {
      const sender = message.participants.find((participant) => participant.role === 'from')?.handle.toLowerCase() ?? '';
      if (!blocklistHas(channel.blocked, sender)) byId.set(message.externalId, message);
    }
    const messages = [...byId.values()];
    const removed = page.removedExternalIds.filter((id) => !byId.has(id));
    if (messages.length === 0 && removed.length === 0) return this.moveCursor(page);

    const directory = (await this.loadDirectory(page.workspaceId)).draft();
    const result = await this.dataSource.transaction(async (manager) => {
      await lockConversationsAndEmails(manager, page, messages);
      const existing: Array<{ externalId: string; messageId: string }> = await manager.query(
        `SELECT "messageExternalId" AS "externalId", "messageId" FROM "messageChannelMessageAssociation"
         WHERE "messageChannelId" = $1 AND "messageExternalId" = ANY($2::text[])`,
        [page.messageChannelId, messages.map((message) => message.externalId)],
      );
      const known = new Map(existing.map((row) => [row.externalId, row.messageId]));
      const updates = messages.filter((message) => known.has(message.externalId));
      const creations = messages.filter((message) => !known.has(message.externalId));

      if (updates.length > 0) await this.applyUpdates(manager, page, updates, known);
      const created = creations.length > 0 ? await this.applyCreations(manager, page, creations, channel, directory) : 0;
      const detached = removed.length === 0 ? [] : await updateReturning(
        manager,
        `UPDATE "messageChannelMessageAssociation" SET "messageFolderId" = NULL, "updatedAt" = now()
         WHERE "messageChannelId" = $1 AND "messageFolderId" = $2 AND "messageExternalId" = ANY($3::text[]) RETURNING "id"`,
        [page.messageChannelId, page.messageFolderId, removed],
      );
      await this.moveCursor(page, manager);
      return { created, updated: updates.length, detached: detached.length };
    });
    directory.commit();
    return result;
  }

  private async moveCursor(page: MessagesPage, manager: EntityManager = this.dataSource.manager): Promise<MessagesPageResult> {
    await manager.query(`UPDATE "messageFolder" SET "syncCursor" = $2, "updatedAt" = now() WHERE "id" = $1`, [page.messageFolderId, page.nextCursor]);
    return { created: 0, updated: 0, detached: 0 };
  }

  async saveFolderCursors(workspaceId: string, cursors: Array<{ messageFolderId: string; cursor: string }>): Promise<void> {
    if (cursors.length === 0) return;
    await this.dataSource.query(
      `UPDATE "messageFolder" f SET "syncCursor" = t.cursor, "updatedAt" = now()
       FROM unnest($2::uuid[], $3::text[]) AS t(id, cursor) WHERE f."workspaceId" = $1 AND f."id" = t.id`,
      [workspaceId, cursors.map((entry) => entry.messageFolderId), cursors.map((entry) => entry.cursor)],
    );
  }

  async restartFolder(workspaceId: string, messageFolderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE "messageChannelMessageAssociation" SET "messageFolderId" = NULL WHERE "workspaceId" = $1 AND "messageFolderId" = $2`, [workspaceId, messageFolderId]);
      await manager.query(`UPDATE "messageFolder" SET "syncCursor" = NULL, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, messageFolderId]);
    });
  }

  async linkUnmatchedParticipants(workspaceId: string, messageChannelId: string): Promise<number> {
    const linked = await updateReturning<{ id: string }>(
      this.dataSource.manager,
      `UPDATE "messageParticipant" mp SET "personId" = p."id"
       FROM "messageChannelMessageAssociation" a, "person" p
       WHERE a."workspaceId" = $1 AND a."messageChannelId" = $2 AND mp."messageId" = a."messageId"
         AND mp."workspaceId" = $1 AND mp."personId" IS NULL AND mp."workspaceMemberId" IS NULL
         AND p."workspaceId" = $1 AND p."deletedAt" IS NULL AND lower(p."emailsPrimaryEmail") = lower(mp."handle")
       RETURNING mp."id"`,
      [workspaceId, messageChannelId],
    );
    return linked.length;
  }

  async deleteDetachedMessages(workspaceId: string, messageChannelId: string): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const detached = await updateReturning<{ messageId: string }>(
        manager,
        `DELETE FROM "messageChannelMessageAssociation" WHERE "workspaceId" = $1 AND "messageChannelId" = $2 AND "messageFolderId" IS NULL RETURNING "messageId"`,
        [workspaceId, messageChannelId],
      );
      if (detached.length === 0) return 0;
      await deleteOrphanedMessages(manager, workspaceId, detached.map((row) => row.messageId));
      return detached.length;
    });
  }

  async countChannelMessages(workspaceId: string, messageChannelId: string): Promise<number> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS "count" FROM "messageChannelMessageAssociation" WHERE "workspaceId" = $1 AND "messageChannelId" = $2 AND "messageFolderId" IS NOT NULL`,
      [workspaceId, messageChannelId],
    );
    return count;
  }

  private async applyUpdates(manager: EntityManager, page: MessagesPage, updates: ImportedMessage[], known: Map<string, string>): Promise<void> {
    await manager.query(
      `UPDATE "messageChannelMessageAssociation" SET "messageFolderId" = $2, "updatedAt" = now()
       WHERE "messageChannelId" = $1 AND "messageExternalId" = ANY($3::text[])`,
      [page.messageChannelId, page.messageFolderId, updates.map((message) => message.externalId)],
    );
    await manager.query(
      `UPDATE "message" m SET "subject" = t.subject, "text" = t.text, "receivedAt" = t.received, "updatedAt" = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS t(id, subject, text, received)
       WHERE m."id" = t.id AND (m."subject" IS DISTINCT FROM t.subject OR m."text" IS DISTINCT FROM t.text OR m."receivedAt" IS DISTINCT FROM t.received)`,
      [updates.map((message) => known.get(message.externalId)), updates.map((m) => m.subject), updates.map((m) => m.text), updates.map((m) => m.receivedAt)],
    );
  }

  private async applyCreations(manager: EntityManager, page: MessagesPage, creations: ImportedMessage[], channel: ChannelContext, directory: ParticipantLookup): Promise<number> {
    const { workspaceId, messageChannelId } = page;
    // The same email already imported through another channel of the workspace is the same message.
    const shared: Array<{ id: string; headerMessageId: string; messageThreadId: string; linkedHere: boolean }> = await manager.query(
      `SELECT m."id", m."headerMessageId", m."messageThreadId",
         EXISTS (SELECT 1 FROM "messageChannelMessageAssociation" a WHERE a."messageId" = m."id" AND a."messageChannelId" = $3) AS "linkedHere"
       FROM "message" m WHERE m."workspaceId" = $1 AND m."headerMessageId" = ANY($2::text[])`,
      [workspaceId, creations.map((message) => message.headerMessageId), messageChannelId],
    );
    const sharedByHeader = new Map(shared.map((row) => [row.headerMessageId, row]));
    const threads = await this.resolveThreads(manager, workspaceId, messageChannelId, creations, sharedByHeader);

    const newMessages: Array<ImportedMessage & { id: string; threadId: string }> = [];
    const associations: Array<{ message: ImportedMessage; messageId: string }> = [];
    for (const message of creations) {
      const existing = sharedByHeader.get(message.headerMessageId);
      if (existing?.linkedHere) continue; // One email in two folders of this mailbox stays one message.
      if (existing) {
        associations.push({ message, messageId: existing.id });
        continue;
      }
      const row = { ...message, id: randomUUID(), threadId: threads.get(message.threadExternalId)! };
      newMessages.push(row);
      sharedByHeader.set(message.headerMessageId, { id: row.id, headerMessageId: message.headerMessageId, messageThreadId: row.threadId, linkedHere: true });
      associations.push({ message, messageId: row.id });
    }

    if (newMessages.length > 0) {
      await manager.query(
        `INSERT INTO "message" ("id", "workspaceId", "headerMessageId", "subject", "text", "receivedAt", "messageThreadId")
         SELECT id, $1, header, subject, text, received, thread FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::uuid[])
           AS t(id, header, subject, text, received, thread)`,
        [workspaceId, newMessages.map((m) => m.id), newMessages.map((m) => m.headerMessageId), newMessages.map((m) => m.subject), newMessages.map((m) => m.text), newMessages.map((m) => m.receivedAt), newMessages.map((m) => m.threadId)],
      );
      await createContacts(manager, workspaceId, directory, contactCandidates(newMessages, channel));
      await this.insertParticipants(manager, workspaceId, newMessages, directory);
    }
    await manager.query(
      `INSERT INTO "messageChannelMessageAssociation" ("workspaceId", "messageChannelId", "messageFolderId", "messageExternalId", "messageThreadExternalId", "direction", "messageId")
       SELECT $1, $2, $3, ext, thread, direction, message FROM unnest($4::text[], $5::text[], $6::text[], $7::uuid[]) AS t(ext, thread, direction, message)
       ON CONFLICT DO NOTHING`,
      [workspaceId, messageChannelId, page.messageFolderId, associations.map((a) => a.message.externalId), associations.map((a) => a.message.threadExternalId), associations.map((a) => a.message.direction), associations.map((a) => a.messageId)],
    );
    return associations.length;
  }

  /** One thread per Outlook conversation in this channel; new conversations get new threads. */
  private async resolveThreads(
    manager: EntityManager,
    workspaceId: string,
    messageChannelId: string,
    messages: ImportedMessage[],
    sharedByHeader: Map<string, { messageThreadId: string }>,
  ): Promise<Map<string, string>> {
    const conversationIds = [...new Set(messages.map((message) => message.threadExternalId))];
    const rows: Array<{ conversationId: string; threadId: string }> = await manager.query(
      `SELECT DISTINCT ON (a."messageThreadExternalId") a."messageThreadExternalId" AS "conversationId", m."messageThreadId" AS "threadId"
       FROM "messageChannelMessageAssociation" a JOIN "message" m ON m."id" = a."messageId"
       WHERE a."messageChannelId" = $1 AND a."messageThreadExternalId" = ANY($2::text[])`,
      [messageChannelId, conversationIds],
    );
    const threads = new Map(rows.map((row) => [row.conversationId, row.threadId]));
    for (const message of messages) {
      const shared = sharedByHeader.get(message.headerMessageId);
      if (shared && !threads.has(message.threadExternalId)) threads.set(message.threadExternalId, shared.messageThreadId);
    }
    const missing = conversationIds.filter((id) => !threads.has(id));
    if (missing.length > 0) {
      const ids = missing.map(() => randomUUID());
      await manager.query(`INSERT INTO "messageThread" ("id", "workspaceId") SELECT id, $1 FROM unnest($2::uuid[]) AS id`, [workspaceId, ids]);
      missing.forEach((conversationId, index) => threads.set(conversationId, ids[index]!));
    }
    return threads;
  }

  private async insertParticipants(manager: EntityManager, workspaceId: string, messages: Array<ImportedMessage & { id: string }>, directory: ParticipantLookup): Promise<void> {
    const rows = messages.flatMap((message) =>
      message.participants.map((participant) => ({ messageId: message.id, ...participant, match: directory.lookup(participant.handle) })),
    );
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO "messageParticipant" ("workspaceId", "messageId", "role", "handle", "displayName", "personId", "workspaceMemberId")
       SELECT $1, message, role, handle, name, person, member FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[])
         AS t(message, role, handle, name, person, member)`,
      [
        workspaceId,
        rows.map((row) => row.messageId),
        rows.map((row) => row.role),
        rows.map((row) => row.handle),
        rows.map((row) => row.displayName),
        rows.map((row) => row.match?.personId ?? null),
        rows.map((row) => row.match?.workspaceMemberId ?? null),
      ],
    );
  }

  private async loadDirectory(workspaceId: string): Promise<ParticipantDirectory> {
    this.directory ??= await ParticipantDirectory.load(this.dataSource.manager, workspaceId);
    return this.directory;
  }

  private async channelContext(workspaceId: string, messageChannelId: string): Promise<ChannelContext> {
    const cached = this.channels.get(messageChannelId);
    if (cached) return cached;
    const [row] = await this.dataSource.query(
      `SELECT c."isContactAutoCreationEnabled", c."contactAutoCreationPolicy", c."excludeNonProfessionalEmails", c."excludeGroupEmails",
         a."handle", a."handleAliases", a."accountOwnerId"
       FROM "messageChannel" c JOIN "connectedAccount" a ON a."id" = c."connectedAccountId" WHERE c."workspaceId" = $1 AND c."id" = $2`,
      [workspaceId, messageChannelId],
    );
    if (!row) throw new Error(`Message channel ${messageChannelId} not found`);
    const context: ChannelContext = {
      isContactAutoCreationEnabled: row.isContactAutoCreationEnabled,
      contactAutoCreationPolicy: row.contactAutoCreationPolicy,
      excludeNonProfessionalEmails: row.excludeNonProfessionalEmails,
      excludeGroupEmails: row.excludeGroupEmails,
      ownHandles: new Set([row.handle, ...(row.handleAliases ?? [])].map((handle: string) => handle.toLowerCase())),
      blocked: await loadOwnerBlocklist(this.dataSource, workspaceId, row.accountOwnerId),
    };
    this.channels.set(messageChannelId, context);
    return context;
  }

  private queryFolders(manager: EntityManager, workspaceId: string, messageChannelId: string): Promise<MessageFolderRecord[]> {
    return manager.query(`SELECT ${FOLDER_COLUMNS} FROM "messageFolder" WHERE "workspaceId" = $1 AND "messageChannelId" = $2 AND "deletedAt" IS NULL ORDER BY "name"`, [workspaceId, messageChannelId]);
  }
}

/**
 * Pages of one mailbox's folders (and of colleagues' mailboxes) are written concurrently; these transaction locks
 * make sure one conversation gets one thread and one email one message. Taken in a fixed order: no deadlock.
 */
async function lockConversationsAndEmails(manager: EntityManager, page: MessagesPage, messages: ImportedMessage[]): Promise<void> {
  const keys = [
    ...messages.map((message) => `c:${page.messageChannelId}:${message.threadExternalId}`),
    ...messages.map((message) => `h:${page.workspaceId}:${message.headerMessageId}`),
  ];
  if (keys.length === 0) return;
  await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT DISTINCT unnest($1::text[]) AS k ORDER BY 1) AS s`, [keys]);
}
