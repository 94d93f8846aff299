import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { updateReturning } from '../common/update-returning.util.js';
import type { ComposeRecipient } from './compose-address.validator.js';
import { OUTGOING_LEASE_MS, type OutgoingKind, OutgoingStatus, type OutgoingStep } from './compose.constants.js';

export interface OutgoingMessageRecord {
  id: string;
  workspaceId: string;
  workspaceMemberId: string;
  connectedAccountId: string;
  kind: OutgoingKind;
  sourceMessageExternalId: string | null;
  step: OutgoingStep;
  status: OutgoingStatus;
  graphDraftId: string | null;
  changeKey: string | null;
  subject: string;
  bodyHtml: string;
  quotedBodyHtml: string | null;
  toRecipients: ComposeRecipient[];
  ccRecipients: ComposeRecipient[];
  bccRecipients: ComposeRecipient[];
  contentVersion: number;
  contentVersionSet: number;
  draftCreateStartedAt: Date | null;
  sendRequestedAt: Date | null;
  sendAttemptedAt: Date | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  savedToOutlookAt: Date | null;
  attempts: number;
  lastErrorCode: string | null;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OutgoingAttachmentRecord {
  id: string;
  outgoingMessageId: string;
  name: string;
  contentType: string;
  size: number;
  status: 'UPLOADING' | 'UPLOADED' | 'FAILED';
  uploadedBytes: number;
  graphAttachmentId: string | null;
  lastError: string | null;
}

export interface NewOutgoingMessage {
  workspaceId: string;
  workspaceMemberId: string;
  connectedAccountId: string;
  kind: OutgoingKind;
  sourceMessageExternalId: string | null;
  subject: string;
  bodyHtml: string;
  toRecipients: ComposeRecipient[];
  ccRecipients: ComposeRecipient[];
  bccRecipients: ComposeRecipient[];
}

export type OutgoingPatch = Partial<Omit<OutgoingMessageRecord, 'id' | 'workspaceId' | 'workspaceMemberId' | 'connectedAccountId' | 'kind' | 'createdAt' | 'updatedAt'>>;

const JSON_COLUMNS = new Set(['toRecipients', 'ccRecipients', 'bccRecipients']);

function toAttachment(row: Record<string, unknown>): OutgoingAttachmentRecord {
  return { ...(row as unknown as OutgoingAttachmentRecord), size: Number(row.size), uploadedBytes: Number(row.uploadedBytes) };
}

/** The persisted send state machine: one row per draft or send, its attachments, and a lease per worker. */
@Injectable()
export class OutgoingMessageRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async create(input: NewOutgoingMessage): Promise<OutgoingMessageRecord> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "microsoftOutgoingMessage" ("workspaceId", "workspaceMemberId", "connectedAccountId", "kind", "sourceMessageExternalId", "subject", "bodyHtml", "toRecipients", "ccRecipients", "bccRecipients")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [input.workspaceId, input.workspaceMemberId, input.connectedAccountId, input.kind, input.sourceMessageExternalId, input.subject, input.bodyHtml,
        JSON.stringify(input.toRecipients), JSON.stringify(input.ccRecipients), JSON.stringify(input.bccRecipients)],
    );
    return row;
  }

  /** Only the member's own rows, inside their workspace. */
  async findOwned(workspaceId: string, workspaceMemberId: string, id: string): Promise<OutgoingMessageRecord | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftOutgoingMessage" WHERE "id" = $1 AND "workspaceId" = $2 AND "workspaceMemberId" = $3`, [id, workspaceId, workspaceMemberId]);
    return row ?? null;
  }

  async find(workspaceId: string, id: string): Promise<OutgoingMessageRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftOutgoingMessage" WHERE "id" = $1 AND "workspaceId" = $2`, [id, workspaceId]);
    return row ?? null;
  }

  async findById(id: string): Promise<OutgoingMessageRecord | null> {
    const [row] = await this.dataSource.query(`SELECT * FROM "microsoftOutgoingMessage" WHERE "id" = $1`, [id]);
    return row ?? null;
  }

  async update(id: string, patch: OutgoingPatch, manager: EntityManager = this.dataSource.manager): Promise<OutgoingMessageRecord> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    const sets = entries.map(([column], index) => `"${column}" = $${index + 2}`);
    const values = entries.map(([column, value]) => (JSON_COLUMNS.has(column) ? JSON.stringify(value) : value));
    const [row] = await updateReturning<OutgoingMessageRecord>(manager, `UPDATE "microsoftOutgoingMessage" SET ${[...sets, `"updatedAt" = now()`].join(', ')} WHERE "id" = $1 RETURNING *`, [id, ...values]);
    return row!;
  }

  /** The member's edit: a new content version the state machine will push to Outlook; refused once sending began. */
  async setContent(id: string, content: Pick<OutgoingMessageRecord, 'subject' | 'bodyHtml' | 'toRecipients' | 'ccRecipients' | 'bccRecipients'>): Promise<OutgoingMessageRecord | null> {
    const [row] = await updateReturning<OutgoingMessageRecord>(
      this.dataSource.manager,
      `UPDATE "microsoftOutgoingMessage" SET "subject" = $2, "bodyHtml" = $3, "toRecipients" = $4, "ccRecipients" = $5, "bccRecipients" = $6,
         "contentVersion" = "contentVersion" + 1, "updatedAt" = now()
       WHERE "id" = $1 AND "status" IN ('DRAFT', 'CONFLICT', 'FAILED') RETURNING *`,
      [id, content.subject, content.bodyHtml, JSON.stringify(content.toRecipients), JSON.stringify(content.ccRecipients), JSON.stringify(content.bccRecipients)],
    );
    return row ?? null;
  }

  /**
   * Takes the row's lease for one worker. Null while another worker holds a live lease; a killed worker's lease
   * lapses after OUTGOING_LEASE_MS and the next attempt resumes from the persisted step.
   */
  async lease(id: string, leaseMs = OUTGOING_LEASE_MS): Promise<OutgoingMessageRecord | null> {
    const [row] = await updateReturning<OutgoingMessageRecord>(
      this.dataSource.manager,
      `UPDATE "microsoftOutgoingMessage" SET "lockedUntil" = now() + ($2 || ' milliseconds')::interval
       WHERE "id" = $1 AND ("lockedUntil" IS NULL OR "lockedUntil" < now()) RETURNING *`,
      [id, String(leaseMs)],
    );
    return row ?? null;
  }

  async release(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE "microsoftOutgoingMessage" SET "lockedUntil" = NULL WHERE "id" = $1`, [id]);
  }

  /** Sends whose worker stopped (killed, or its job lost) and queued sends whose time has come. */
  async listResumable(limit: number): Promise<Array<{ workspaceId: string; id: string }>> {
    return this.dataSource.query(
      `SELECT "workspaceId", "id" FROM "microsoftOutgoingMessage"
       WHERE "status" IN ('SENDING', 'QUEUED') AND ("lockedUntil" IS NULL OR "lockedUntil" < now()) AND ("nextAttemptAt" IS NULL OR "nextAttemptAt" <= now())
       ORDER BY "sendRequestedAt" LIMIT $1`,
      [limit],
    );
  }

  async listAttachments(outgoingMessageId: string): Promise<OutgoingAttachmentRecord[]> {
    const rows = await this.dataSource.query(`SELECT * FROM "microsoftOutgoingAttachment" WHERE "outgoingMessageId" = $1 ORDER BY "createdAt", "id"`, [outgoingMessageId]);
    return rows.map(toAttachment);
  }

  async addAttachment(input: { outgoingMessageId: string; workspaceId: string; name: string; contentType: string; size: number }): Promise<OutgoingAttachmentRecord> {
    const [row] = await this.dataSource.query(
      `INSERT INTO "microsoftOutgoingAttachment" ("outgoingMessageId", "workspaceId", "name", "contentType", "size") VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [input.outgoingMessageId, input.workspaceId, input.name, input.contentType, input.size],
    );
    return toAttachment(row);
  }

  async updateAttachment(id: string, patch: Partial<Pick<OutgoingAttachmentRecord, 'status' | 'uploadedBytes' | 'graphAttachmentId' | 'lastError'>>): Promise<void> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined);
    const sets = entries.map(([column], index) => `"${column}" = $${index + 2}`);
    await this.dataSource.query(`UPDATE "microsoftOutgoingAttachment" SET ${[...sets, `"updatedAt" = now()`].join(', ')} WHERE "id" = $1`, [id, ...entries.map(([, value]) => value)]);
  }

  async deleteAttachment(outgoingMessageId: string, id: string): Promise<OutgoingAttachmentRecord | null> {
    const [row] = await updateReturning(this.dataSource.manager, `DELETE FROM "microsoftOutgoingAttachment" WHERE "id" = $1 AND "outgoingMessageId" = $2 RETURNING *`, [id, outgoingMessageId]);
    return row ? toAttachment(row) : null;
  }

  /** Disconnect: the account's drafts' and sends' local state goes with it (Outlook keeps its drafts). */
  async deleteForAccount(workspaceId: string, connectedAccountId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM "microsoftOutgoingMessage" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [workspaceId, connectedAccountId]);
  }

  static isSendActive(status: OutgoingStatus): boolean {
    return status === OutgoingStatus.SENDING || status === OutgoingStatus.QUEUED;
  }
}
