import type { EntityManager } from 'typeorm';
import { ContactCreationPolicy, type ContactSharedField, type PersonContactRecordsPort, type SharedPersonFields } from '@m365/shared-types';
import type { ContactLinkRecord, ContactLinkRepository } from './contact-link.repository.js';
import type { ContactOutboxRepository } from './outbound/contact-outbox.repository.js';
import type { ContactConflictLogRepository, NewContactConflict } from './contact-conflict-log.repository.js';
import { conflictWinner } from './contact-conflict.rule.js';
import { DETACHED_FOLDER_NOT_SYNCED } from './contacts-sync.constants.js';
import { modifiedAt, OUTLOOK_MAX_EMAILS, toSharedFields, type GraphContact } from './graph-contact.mapper.js';
import { fillBlanks, sameValue, SHARED_FIELDS } from './shared-fields.util.js';

export type ContactImportOutcome = 'created' | 'matched' | 'updated' | 'unchanged' | 'echo' | 'unlinked' | 'skipped';

export interface ContactImportContext {
  manager: EntityManager;
  workspaceId: string;
  contactChannelId: string;
  folderExternalId: string;
  policy: ContactCreationPolicy;
  people: PersonContactRecordsPort;
  links: ContactLinkRepository;
  outbox: ContactOutboxRepository;
  conflicts: ContactConflictLogRepository;
}

const mayCreate = (policy: ContactCreationPolicy, fields: SharedPersonFields) =>
  policy === ContactCreationPolicy.CREATE_ALL || (policy === ContactCreationPolicy.CREATE_WITH_EMAIL && fields.emails.length > 0);

/**
 * One contact of a delta page, inside the page's transaction with its link locked. The deletion rule: a contact
 * deleted in Outlook (`@removed`) only unlinks its person, who stays in the CRM. A contact whose person the CRM
 * deleted stays detached: it is not imported again as a new person.
 */
export async function importContact(context: ContactImportContext, contact: GraphContact, link: ContactLinkRecord | undefined): Promise<ContactImportOutcome> {
  const { manager, contactChannelId } = context;
  if (contact['@removed']) {
    if (!link) return 'skipped';
    await context.links.remove(manager, [link.id]);
    await context.outbox.skipPending(manager, contactChannelId, [contact.id], 'The contact was deleted in Outlook; the person was unlinked');
    return 'unlinked';
  }
  if (link?.detachedReason === DETACHED_FOLDER_NOT_SYNCED) {
    await context.links.revive(manager, link.id);
    return updateLinked(context, contact, { ...link, detachedReason: null });
  }
  if (link) return updateLinked(context, contact, link);
  if (await context.outbox.deleteRequested(manager, contactChannelId, contact.id)) return 'skipped';
  return linkNew(context, contact);
}

async function linkNew(context: ContactImportContext, contact: GraphContact): Promise<ContactImportOutcome> {
  const { manager, workspaceId, people } = context;
  const fields = toSharedFields(contact);
  const match = (await people.findPersonByEmails(workspaceId, fields.emails, manager))
    ?? (await people.findPersonByNameAndCompany(workspaceId, fields.firstName, fields.lastName, fields.companyName, manager));
  let personId: string;
  let createdBySync = false;
  if (match) {
    personId = match.personId;
    const fill = fillBlanks(match, fields);
    if (Object.keys(fill).length > 0) await people.updatePerson(workspaceId, personId, fill, context.policy, manager);
  } else if (mayCreate(context.policy, fields)) {
    personId = await people.createPerson(workspaceId, fields, context.policy, manager);
    createdBySync = true;
  } else {
    return 'skipped';
  }
  await context.links.insert(manager, {
    workspaceId,
    contactChannelId: context.contactChannelId,
    contactExternalId: contact.id,
    folderExternalId: context.folderExternalId,
    changeKey: contact.changeKey ?? null,
    personId,
    createdBySync,
    syncedFields: fields,
    outlookModifiedAt: modifiedAt(contact),
  });
  return createdBySync ? 'created' : 'matched';
}

/**
 * Outlook changed a linked contact. Fields it changed since both sides last agreed go to the person, unless the CRM
 * has a pending edit of the same field: then the conflict rule picks a side and the loser is logged.
 */
async function updateLinked(context: ContactImportContext, contact: GraphContact, link: ContactLinkRecord): Promise<ContactImportOutcome> {
  const { manager, workspaceId, contactChannelId } = context;
  if (link.detachedReason || !link.personId) return 'skipped';
  if (contact.changeKey && (contact.changeKey === link.changeKey || (await context.outbox.wroteChangeKey(manager, contactChannelId, contact.id, contact.changeKey)))) return 'echo';
  const [person] = await context.people.findPeople(workspaceId, [link.personId], manager);
  const fields = toSharedFields(contact);
  const agreed = { changeKey: contact.changeKey ?? null, syncedFields: fields, outlookModifiedAt: modifiedAt(contact), folderExternalId: context.folderExternalId };
  if (!person) {
    // Deleted in the CRM without the change port hearing of it: nothing to update; keep the contact out.
    await context.links.detach(manager, [link.id], 'PERSON_GONE');
    return 'skipped';
  }
  const base = link.syncedFields ?? ({} as SharedPersonFields);
  const changed = SHARED_FIELDS.filter((field) => !sameValue(field, fields[field], base[field]));
  const pending = changed.length > 0 ? await context.outbox.pendingUpdates(manager, contactChannelId, contact.id) : [];
  const apply: Partial<SharedPersonFields> = {};
  const outlookWon: ContactSharedField[] = [];
  const conflicts: NewContactConflict[] = [];
  for (const field of changed) {
    if (sameValue(field, fields[field], person[field])) continue;
    const crmEdit = [...pending].reverse().find((row) => row.fields[field] !== undefined);
    if (!crmEdit) {
      (apply as Record<string, unknown>)[field] = fields[field];
      continue;
    }
    const winner = conflictWinner(new Date(crmEdit.editedAt), modifiedAt(contact));
    conflicts.push({
      workspaceId, contactChannelId, personId: link.personId, contactExternalId: contact.id, field, keptSide: winner,
      keptValue: winner === 'CRM' ? crmEdit.fields[field]! : fields[field], lostValue: winner === 'CRM' ? fields[field] : crmEdit.fields[field]!,
      crmEditedAt: new Date(crmEdit.editedAt), outlookModifiedAt: modifiedAt(contact),
    });
    if (winner === 'OUTLOOK') {
      (apply as Record<string, unknown>)[field] = fields[field];
      outlookWon.push(field);
    }
  }
  // Outlook holds three addresses: a person's further ones, which Outlook never had, are kept.
  if (apply.emails && person.emails.length > OUTLOOK_MAX_EMAILS) {
    apply.emails = [...apply.emails, ...person.emails.slice(OUTLOOK_MAX_EMAILS).filter((email) => !apply.emails!.includes(email))];
  }
  if (Object.keys(apply).length > 0) await context.people.updatePerson(workspaceId, link.personId, apply, context.policy, manager);
  await context.outbox.dropFields(manager, pending.map((row) => row.id), outlookWon);
  await context.conflicts.record(manager, conflicts);
  await context.links.agree(manager, link.id, agreed);
  return Object.keys(apply).length > 0 ? 'updated' : 'unchanged';
}
