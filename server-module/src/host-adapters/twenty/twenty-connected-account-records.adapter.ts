import type { EntityManager } from 'typeorm';
import {
  CalendarChannelSyncStage,
  MessageChannelSyncStage,
  SyncStatus,
  type CalendarChannelRecord,
  type CalendarChannelSettingsPatch,
  type ConnectedAccountProvider,
  type ConnectedAccountRecord,
  type ConnectedAccountRecordsPort,
  type MessageChannelRecord,
  type MessageChannelSettingsPatch,
  type UpsertConnectedAccountInput,
} from '@m365/shared-types';
import { updateReturning } from '../../common/update-returning.util.js';
import { deleteOrphanedMessages } from './twenty-orphaned-messages.js';
import { CALENDAR_CHANNEL_COLUMNS, CONNECTED_ACCOUNT_COLUMNS, MESSAGE_CHANNEL_COLUMNS, toCalendarChannel, toConnectedAccount, toMessageChannel } from './twenty-row-mappers.js';

const MESSAGE_CHANNEL_SETTINGS = ['visibility', 'isContactAutoCreationEnabled', 'contactAutoCreationPolicy', 'messageFolderImportPolicy', 'excludeNonProfessionalEmails', 'excludeGroupEmails', 'isSyncEnabled'] as const;
const CALENDAR_CHANNEL_SETTINGS = ['visibility', 'isContactAutoCreationEnabled', 'contactAutoCreationPolicy', 'isSyncEnabled'] as const;

/** Connected accounts and channels on the Twenty-shaped schema, through whatever manager (transaction) it is given. */
export class TwentyConnectedAccountRecordsAdapter implements ConnectedAccountRecordsPort {
  constructor(private readonly manager: EntityManager) {}

  async upsertConnectedAccount(input: UpsertConnectedAccountInput): Promise<{ account: ConnectedAccountRecord; created: boolean }> {
    const existing = await this.findConnectedAccountByHandle(input.workspaceId, input.provider, input.handle);
    if (existing) {
      const [row] = await updateReturning(
        this.manager,
        `UPDATE "connectedAccount" SET "handleAliases" = $3, "scopes" = $4, "authFailedAt" = NULL, "updatedAt" = now()
         WHERE "workspaceId" = $1 AND "id" = $2 RETURNING ${CONNECTED_ACCOUNT_COLUMNS}`,
        [input.workspaceId, existing.id, input.handleAliases, input.scopes],
      );
      return { account: toConnectedAccount(row), created: false };
    }
    const [row] = await this.manager.query(
      `INSERT INTO "connectedAccount" ("workspaceId", "accountOwnerId", "provider", "handle", "handleAliases", "scopes")
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${CONNECTED_ACCOUNT_COLUMNS}`,
      [input.workspaceId, input.accountOwnerId, input.provider, input.handle, input.handleAliases, input.scopes],
    );
    return { account: toConnectedAccount(row), created: true };
  }

  async findConnectedAccount(workspaceId: string, connectedAccountId: string): Promise<ConnectedAccountRecord | null> {
    const rows = await this.manager.query(
      `SELECT ${CONNECTED_ACCOUNT_COLUMNS} FROM "connectedAccount" WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL`,
      [workspaceId, connectedAccountId],
    );
    return rows[0] ? toConnectedAccount(rows[0]) : null;
  }

  async findConnectedAccountByHandle(workspaceId: string, provider: ConnectedAccountProvider, handle: string): Promise<ConnectedAccountRecord | null> {
    const rows = await this.manager.query(
      `SELECT ${CONNECTED_ACCOUNT_COLUMNS} FROM "connectedAccount"
       WHERE "workspaceId" = $1 AND "provider" = $2 AND lower("handle") = lower($3) AND "deletedAt" IS NULL`,
      [workspaceId, provider, handle],
    );
    return rows[0] ? toConnectedAccount(rows[0]) : null;
  }

  async listConnectedAccounts(workspaceId: string, accountOwnerId: string, provider: ConnectedAccountProvider): Promise<ConnectedAccountRecord[]> {
    const rows = await this.manager.query(
      `SELECT ${CONNECTED_ACCOUNT_COLUMNS} FROM "connectedAccount"
       WHERE "workspaceId" = $1 AND "accountOwnerId" = $2 AND "provider" = $3 AND "deletedAt" IS NULL ORDER BY "createdAt"`,
      [workspaceId, accountOwnerId, provider],
    );
    return rows.map(toConnectedAccount);
  }

  async setAuthFailedAt(workspaceId: string, connectedAccountId: string, at: Date | null): Promise<void> {
    await this.manager.query(`UPDATE "connectedAccount" SET "authFailedAt" = $3, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, connectedAccountId, at]);
  }

  async setCredentialsRefreshedAt(workspaceId: string, connectedAccountId: string, at: Date): Promise<void> {
    await this.manager.query(`UPDATE "connectedAccount" SET "lastCredentialsRefreshedAt" = $3, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, connectedAccountId, at]);
  }

  async setScopes(workspaceId: string, connectedAccountId: string, scopes: string[]): Promise<void> {
    await this.manager.query(`UPDATE "connectedAccount" SET "scopes" = $3, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, connectedAccountId, scopes]);
  }

  async ensureMessageChannel(workspaceId: string, connectedAccountId: string, handle: string): Promise<MessageChannelRecord> {
    const [existing] = await this.findMessageChannels(workspaceId, [connectedAccountId]);
    if (existing) return existing;
    const [row] = await this.manager.query(
      `INSERT INTO "messageChannel" ("workspaceId", "connectedAccountId", "handle", "syncStatus", "syncStage")
       VALUES ($1, $2, $3, $4, $5) RETURNING ${MESSAGE_CHANNEL_COLUMNS}`,
      [workspaceId, connectedAccountId, handle, SyncStatus.NOT_SYNCED, MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING],
    );
    return toMessageChannel(row);
  }

  async ensureCalendarChannel(workspaceId: string, connectedAccountId: string, handle: string): Promise<CalendarChannelRecord> {
    const [existing] = await this.findCalendarChannels(workspaceId, [connectedAccountId]);
    if (existing) return existing;
    const [row] = await this.manager.query(
      `INSERT INTO "calendarChannel" ("workspaceId", "connectedAccountId", "handle", "syncStatus", "syncStage")
       VALUES ($1, $2, $3, $4, $5) RETURNING ${CALENDAR_CHANNEL_COLUMNS}`,
      [workspaceId, connectedAccountId, handle, SyncStatus.NOT_SYNCED, CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING],
    );
    return toCalendarChannel(row);
  }

  async findMessageChannels(workspaceId: string, connectedAccountIds: string[]): Promise<MessageChannelRecord[]> {
    if (connectedAccountIds.length === 0) return [];
    const rows = await this.manager.query(
      `SELECT ${MESSAGE_CHANNEL_COLUMNS} FROM "messageChannel" WHERE "workspaceId" = $1 AND "connectedAccountId" = ANY($2::uuid[]) AND "deletedAt" IS NULL`,
      [workspaceId, connectedAccountIds],
    );
    return rows.map(toMessageChannel);
  }

  async findCalendarChannels(workspaceId: string, connectedAccountIds: string[]): Promise<CalendarChannelRecord[]> {
    if (connectedAccountIds.length === 0) return [];
    const rows = await this.manager.query(
      `SELECT ${CALENDAR_CHANNEL_COLUMNS} FROM "calendarChannel" WHERE "workspaceId" = $1 AND "connectedAccountId" = ANY($2::uuid[]) AND "deletedAt" IS NULL`,
      [workspaceId, connectedAccountIds],
    );
    return rows.map(toCalendarChannel);
  }

  async updateMessageChannelSettings(workspaceId: string, messageChannelId: string, patch: MessageChannelSettingsPatch): Promise<MessageChannelRecord | null> {
    const row = await this.updateSettings('messageChannel', MESSAGE_CHANNEL_SETTINGS, MESSAGE_CHANNEL_COLUMNS, workspaceId, messageChannelId, patch);
    return row ? toMessageChannel(row) : null;
  }

  async updateCalendarChannelSettings(workspaceId: string, calendarChannelId: string, patch: CalendarChannelSettingsPatch): Promise<CalendarChannelRecord | null> {
    const row = await this.updateSettings('calendarChannel', CALENDAR_CHANNEL_SETTINGS, CALENDAR_CHANNEL_COLUMNS, workspaceId, calendarChannelId, patch);
    return row ? toCalendarChannel(row) : null;
  }

  async deleteConnectedAccount(workspaceId: string, connectedAccountId: string): Promise<void> {
    const messages: Array<{ messageId: string }> = await this.manager.query(
      `SELECT DISTINCT a."messageId" FROM "messageChannelMessageAssociation" a JOIN "messageChannel" c ON c."id" = a."messageChannelId"
       WHERE c."workspaceId" = $1 AND c."connectedAccountId" = $2`,
      [workspaceId, connectedAccountId],
    );
    const events: Array<{ calendarEventId: string }> = await this.manager.query(
      `SELECT DISTINCT a."calendarEventId" FROM "calendarChannelEventAssociation" a JOIN "calendarChannel" c ON c."id" = a."calendarChannelId"
       WHERE c."workspaceId" = $1 AND c."connectedAccountId" = $2`,
      [workspaceId, connectedAccountId],
    );
    // Channels, folders and associations go by cascade; then whatever no other channel still holds.
    await this.manager.query(`DELETE FROM "connectedAccount" WHERE "workspaceId" = $1 AND "id" = $2`, [workspaceId, connectedAccountId]);
    await deleteOrphanedMessages(this.manager, workspaceId, messages.map((row) => row.messageId));
    await this.manager.query(
      `DELETE FROM "calendarEvent" e WHERE e."workspaceId" = $1 AND e."id" = ANY($2::uuid[])
         AND NOT EXISTS (SELECT 1 FROM "calendarChannelEventAssociation" a WHERE a."calendarEventId" = e."id")`,
      [workspaceId, events.map((row) => row.calendarEventId)],
    );
  }

  private async updateSettings(table: string, allowed: readonly string[], columns: string, workspaceId: string, id: string, patch: object): Promise<Record<string, unknown> | null> {
    const entries = Object.entries(patch).filter(([key, value]) => allowed.includes(key) && value !== undefined);
    const assignments = entries.map(([key], index) => `"${key}" = $${index + 3}`);
    const [row] = await updateReturning(
      this.manager,
      `UPDATE "${table}" SET ${[...assignments, '"updatedAt" = now()'].join(', ')}
       WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL RETURNING ${columns}`,
      [workspaceId, id, ...entries.map(([, value]) => value)],
    );
    return row ?? null;
  }
}
