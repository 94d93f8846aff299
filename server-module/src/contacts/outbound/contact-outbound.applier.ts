import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MicrosoftFeature, PersonChangeKind, type ContactSharedField, type SharedPersonFields } from '@m365/shared-types';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import { GraphClientFactory } from '../../graph/graph-client.factory.js';
import { AccountGraphClient } from '../../graph/account-graph-client.js';
import { classifyGraphError } from '../../graph/graph-error.classifier.js';
import { MicrosoftGraphErrorKind as Kind, type MicrosoftGraphException } from '../../graph/microsoft-graph.exception.js';
import { MicrosoftTokenService } from '../../tokens/microsoft-token.service.js';
import { FeatureGate } from '../../accounts/feature-gate.js';
import { ContactChannelRepository, type ContactChannelRecord } from '../contact-channel.repository.js';
import { ContactLinkRepository } from '../contact-link.repository.js';
import { ContactConflictLogRepository, type NewContactConflict } from '../contact-conflict-log.repository.js';
import { conflictWinner } from '../contact-conflict.rule.js';
import { CONTACT_SELECT, modifiedAt, toGraphPatch, toSharedFields, type GraphContact } from '../graph-contact.mapper.js';
import { sameValue, SHARED_FIELDS } from '../shared-fields.util.js';
import { ContactOutboxRepository, type ContactOutboxRecord } from './contact-outbox.repository.js';

const CONFLICT_ROUNDS = 3;
const MAX_ATTEMPTS = 20;
const RETRIED = new Set([Kind.THROTTLED, Kind.TEMPORARY, Kind.INTERNAL, Kind.UNAUTHENTICATED]);
const contactPath = (id: string) => `/me/contacts/${encodeURIComponent(id)}`;

class StaleContact extends Error {}

/**
 * Writes one outbox row to its Outlook contact. An edit reads the contact, weighs each field against what both
 * sides last agreed (the link's syncedFields) — a field Outlook changed too goes to the conflict rule — and PATCHes
 * with If-Match on the changeKey it read; a 412 starts over. The PATCH and its acknowledgement happen under the
 * link's lock, which the import's page takes too: the page that brings the write back waits, then sees its changeKey
 * recorded and skips it as an echo.
 */
@Injectable()
export class ContactOutboundApplier {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graphFactory: GraphClientFactory,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
    @Inject(ContactChannelRepository) private readonly channels: ContactChannelRepository,
    @Inject(ContactLinkRepository) private readonly links: ContactLinkRepository,
    @Inject(ContactOutboxRepository) private readonly outbox: ContactOutboxRepository,
    @Inject(ContactConflictLogRepository) private readonly conflicts: ContactConflictLogRepository,
  ) {}

  async apply(row: ContactOutboxRecord): Promise<void> {
    const channel = await this.channels.find(row.workspaceId, row.contactChannelId);
    if (!channel) return this.outbox.finish(row.id, { status: 'FAILED', message: 'The Microsoft account is no longer connected' });
    if (!(await this.gate.isGranted(row.workspaceId, channel.connectedAccountId, MicrosoftFeature.CONTACTS))) {
      return this.outbox.finish(row.id, { status: 'FAILED', message: 'Not written to Outlook: the account has not granted Contacts.ReadWrite' });
    }
    const graph = new AccountGraphClient(this.graphFactory, this.tokens, row.workspaceId, channel.connectedAccountId);
    try {
      if (row.kind === PersonChangeKind.DELETED) return await this.remove(graph, row);
      for (let round = 0; round < CONFLICT_ROUNDS; round += 1) {
        try {
          return await this.update(graph, channel, row);
        } catch (error) {
          if (!(error instanceof StaleContact)) throw error;
        }
      }
      await this.outbox.finish(row.id, { status: 'FAILED', message: 'Not written to Outlook: the contact kept changing there' });
    } catch (error) {
      const failure = classifyGraphError(error);
      if (RETRIED.has(failure.kind) && failure.graphCode !== 'NeedsReconnect' && row.attempts < MAX_ATTEMPTS) {
        await this.outbox.release(row.id, failure.message);
        throw failure;
      }
      await this.outbox.finish(row.id, { status: 'FAILED', message: `Not written to Outlook: ${failure.message}` });
    }
  }

  /** Only for contacts the sync made people of (see PersonChangeListener); one already gone is done. */
  private async remove(graph: AccountGraphClient, row: ContactOutboxRecord): Promise<void> {
    try {
      await graph.request((client) => client.api(contactPath(row.contactExternalId)).delete());
    } catch (error) {
      if (classifyGraphError(error).kind !== Kind.NOT_FOUND) throw error;
    }
    await this.outbox.finish(row.id, { status: 'APPLIED', message: null });
  }

  private async update(graph: AccountGraphClient, channel: ContactChannelRecord, row: ContactOutboxRecord): Promise<void> {
    let current: GraphContact;
    try {
      current = await graph.request((client) => client.api(`${contactPath(row.contactExternalId)}?$select=${CONTACT_SELECT}`).get());
    } catch (error) {
      if (classifyGraphError(error).kind !== Kind.NOT_FOUND) throw error;
      // Deleted in Outlook: the person is unlinked (never deleted); nothing to write.
      await this.dataSource.transaction(async (manager) => {
        const link = (await this.links.lockMany(manager, row.contactChannelId, [row.contactExternalId])).get(row.contactExternalId);
        if (link) await this.links.remove(manager, [link.id]);
        await this.outbox.skipPending(manager, row.contactChannelId, [row.contactExternalId], 'The contact was deleted in Outlook; the person was unlinked');
      });
      return;
    }
    await this.dataSource.transaction(async (manager) => {
      const link = (await this.links.lockMany(manager, row.contactChannelId, [row.contactExternalId])).get(row.contactExternalId);
      const [fresh]: ContactOutboxRecord[] = await manager.query(`SELECT * FROM "microsoftContactOutbox" WHERE "id" = $1 FOR UPDATE`, [row.id]);
      if (!fresh || fresh.status !== 'PENDING') return;
      if (!link || link.detachedReason || !link.personId) {
        await this.outbox.finish(row.id, { status: 'SKIPPED', message: 'The contact is no longer linked to the person' }, manager);
        return;
      }
      const outlook = toSharedFields(current);
      const base = link.syncedFields;
      const outlookModified = modifiedAt(current);
      const write: Partial<SharedPersonFields> = {};
      const crmUpdate: Partial<SharedPersonFields> = {};
      const conflicts: NewContactConflict[] = [];
      const set = (target: Partial<SharedPersonFields>, field: ContactSharedField, value: unknown) => void ((target as Record<string, unknown>)[field] = value);
      for (const field of SHARED_FIELDS) {
        const crmValue = fresh.fields[field];
        const outlookChanged = !sameValue(field, outlook[field], base[field]);
        if (crmValue === undefined) {
          // Outlook changed a field this edit does not touch: the CRM takes it now (its echo will be skipped).
          if (outlookChanged) set(crmUpdate, field, outlook[field]);
          continue;
        }
        if (sameValue(field, outlook[field], crmValue)) continue;
        if (!outlookChanged) {
          set(write, field, crmValue);
          continue;
        }
        const winner = conflictWinner(new Date(fresh.editedAt), outlookModified);
        conflicts.push({
          workspaceId: row.workspaceId, contactChannelId: row.contactChannelId, personId: link.personId, contactExternalId: row.contactExternalId, field, keptSide: winner,
          keptValue: winner === 'CRM' ? crmValue : outlook[field], lostValue: winner === 'CRM' ? outlook[field] : crmValue,
          crmEditedAt: new Date(fresh.editedAt), outlookModifiedAt: outlookModified,
        });
        if (winner === 'CRM') set(write, field, crmValue);
        else set(crmUpdate, field, outlook[field]);
      }
      let result = current;
      if (Object.keys(write).length > 0) result = await this.patch(graph, row.contactExternalId, toGraphPatch(write, current), current.changeKey ?? '');
      if (Object.keys(crmUpdate).length > 0) await this.records.personContacts().updatePerson(row.workspaceId, link.personId, crmUpdate, channel.creationPolicy, manager);
      await this.conflicts.record(manager, conflicts);
      await this.links.agree(manager, link.id, { changeKey: result.changeKey ?? null, syncedFields: toSharedFields({ ...current, ...result }), outlookModifiedAt: modifiedAt(result) });
      await this.outbox.finish(row.id, { status: 'APPLIED', message: Object.keys(write).length > 0 ? null : 'Outlook already had these values', resultChangeKey: result.changeKey ?? null }, manager);
    });
  }

  private async patch(graph: AccountGraphClient, id: string, body: Record<string, unknown>, ifMatch: string): Promise<GraphContact> {
    try {
      return await graph.request((client) => client.api(contactPath(id)).header('If-Match', ifMatch).patch(body));
    } catch (error) {
      if ((error as MicrosoftGraphException)?.status === 412) throw new StaleContact();
      throw error;
    }
  }
}
