import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonChangeKind, type PersonChange, type PersonChangePort, type RecordedPersonChange } from '@m365/shared-types';
import { ContactLinkRepository } from '../contact-link.repository.js';
import { DETACHED_PERSON_DELETED } from '../contacts-sync.constants.js';
import { pickFields } from '../shared-fields.util.js';
import { ContactOutboxRepository } from './contact-outbox.repository.js';
import { ContactOutboundJobs } from './contact-outbound.jobs.js';

/**
 * The plugin's side of the host's person change port, inside the host's transaction. An edit becomes one outbox row
 * per Outlook contact linked to the person (and marks those links as edited by a member: disconnect keeps such
 * people). The deletion rule: a person deleted in the CRM deletes an Outlook contact only when the sync created that
 * person from it; a person who was in the CRM first is only unlinked, and the contact stays in Outlook. Either way
 * the link stays detached, so the contact is not imported again as a new person.
 */
@Injectable()
export class PersonChangeListener implements PersonChangePort {
  constructor(
    @Inject(ContactLinkRepository) private readonly links: ContactLinkRepository,
    @Inject(ContactOutboxRepository) private readonly outbox: ContactOutboxRepository,
    @Inject(ContactOutboundJobs) private readonly jobs: ContactOutboundJobs,
  ) {}

  async recordChange(change: PersonChange): Promise<RecordedPersonChange> {
    const manager = change.transaction as EntityManager;
    const links = await this.links.findForPerson(manager, change.workspaceId, change.personId);
    const targets: Array<{ contactChannelId: string; contactExternalId: string }> = [];
    const row = { workspaceId: change.workspaceId, workspaceMemberId: change.workspaceMemberId, personId: change.personId, editedAt: change.editedAt };
    if (change.kind === PersonChangeKind.UPDATED) {
      const fields = pickFields(change.fields);
      if (Object.keys(fields).length > 0) {
        for (const link of links) {
          await this.outbox.insert(manager, { ...row, contactChannelId: link.contactChannelId, contactExternalId: link.contactExternalId, kind: PersonChangeKind.UPDATED, fields });
          targets.push(link);
        }
        await this.links.markEditedInCrm(manager, change.workspaceId, change.personId);
      }
    } else {
      for (const link of links) {
        await this.outbox.skipPending(manager, link.contactChannelId, [link.contactExternalId], 'The person was deleted in the CRM');
        if (!link.createdBySync) continue;
        await this.outbox.insert(manager, { ...row, contactChannelId: link.contactChannelId, contactExternalId: link.contactExternalId, kind: PersonChangeKind.DELETED, fields: {} });
        targets.push(link);
      }
      await this.links.detach(manager, links.map((link) => link.id), DETACHED_PERSON_DELETED);
    }
    return {
      contactWrites: targets.length,
      dispatch: async () => {
        for (const target of targets) await this.jobs.enqueue(change.workspaceId, target.contactChannelId, target.contactExternalId);
      },
    };
  }
}
