import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { GraphQLError } from 'graphql';
import { DataSource, type EntityManager } from 'typeorm';
import { PERSON_CHANGE_PORT, PersonChangeKind, type PersonChangePort, type RecordedPersonChange, type SharedPersonFields, type WorkspaceMemberRef } from '@m365/shared-types';
import { isUuid } from '../records/uuid.util.js';
import type { PersonPatch } from './person-write.graphql.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const userError = (message: string, code = 'BAD_USER_INPUT') => new GraphQLError(message, { extensions: { code } });

/**
 * Members edit and delete people. The host writes its person row and tells the plugin through the person change
 * port in the same transaction (the plugin's outbox rows commit with it); the plugin's jobs start after the commit.
 */
@Injectable()
export class PeopleWritesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  private get port(): PersonChangePort {
    return this.moduleRef.get<PersonChangePort>(PERSON_CHANGE_PORT, { strict: false });
  }

  async update(member: WorkspaceMemberRef, personId: string, patch: PersonPatch): Promise<string> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.livePerson(manager, member.workspaceId, personId);
      const sets: string[] = [];
      const params: unknown[] = [member.workspaceId, personId];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`"${column}" = $${params.length}`);
      };
      const fields: Partial<SharedPersonFields> = {};
      if (patch.firstName != null) set('nameFirstName', (fields.firstName = patch.firstName.trim()));
      if (patch.lastName != null) set('nameLastName', (fields.lastName = patch.lastName.trim()));
      if (patch.jobTitle != null) {
        fields.jobTitle = patch.jobTitle.trim();
        set('jobTitle', fields.jobTitle || null);
      }
      if (patch.emails != null) {
        const emails = [...new Set(patch.emails.map((email) => email.trim().toLowerCase()).filter(Boolean))];
        const invalid = emails.filter((email) => !EMAIL.test(email));
        if (invalid.length > 0) throw userError(`Not an email address: ${invalid.join(', ')}`);
        fields.emails = emails;
        set('emailsPrimaryEmail', emails[0] ?? null);
        set('emailsAdditionalEmails', emails.slice(1));
      }
      if (patch.phones != null) {
        const phones = [...new Set(patch.phones.map((phone) => phone.trim()).filter(Boolean))];
        fields.phones = phones;
        set('phonesPrimaryPhoneNumber', phones[0] ?? null);
        set('phonesAdditionalPhones', JSON.stringify(phones.slice(1).map((number) => ({ number }))));
      }
      if (patch.companyId != null) {
        const companyId = patch.companyId || null;
        const [company] = companyId && isUuid(companyId)
          ? await manager.query(`SELECT "name" FROM "company" WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL`, [member.workspaceId, companyId])
          : [];
        if (companyId && !company) throw userError('No such company in this workspace', 'NOT_FOUND');
        fields.companyName = company?.name?.trim() ?? '';
        set('companyId', companyId);
      }
      if (sets.length === 0) throw userError('Nothing to change: the patch sets no field');
      await manager.query(`UPDATE "person" SET ${sets.join(', ')}, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, params);
      return this.port.recordChange({ kind: PersonChangeKind.UPDATED, transaction: manager, workspaceId: member.workspaceId, workspaceMemberId: member.workspaceMemberId, personId, editedAt: new Date(), fields });
    });
    await this.dispatch(recorded);
    return personId;
  }

  /** Twenty deletes softly: the row stays with deletedAt set. */
  async remove(member: WorkspaceMemberRef, personId: string): Promise<void> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.livePerson(manager, member.workspaceId, personId);
      await manager.query(`UPDATE "person" SET "deletedAt" = now(), "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`, [member.workspaceId, personId]);
      return this.port.recordChange({ kind: PersonChangeKind.DELETED, transaction: manager, workspaceId: member.workspaceId, workspaceMemberId: member.workspaceMemberId, personId, editedAt: new Date() });
    });
    await this.dispatch(recorded);
  }

  private async livePerson(manager: EntityManager, workspaceId: string, personId: string): Promise<void> {
    const [row] = isUuid(personId)
      ? await manager.query(`SELECT "id" FROM "person" WHERE "workspaceId" = $1 AND "id" = $2 AND "deletedAt" IS NULL FOR UPDATE`, [workspaceId, personId])
      : [];
    if (!row) throw userError('No such person in this workspace', 'NOT_FOUND');
  }

  private async dispatch(recorded: RecordedPersonChange): Promise<void> {
    // The change is committed; a failure to start its job is caught up by the plugin's resume cron.
    await recorded.dispatch().catch(() => undefined);
  }
}
