import type { DataSource, EntityManager } from 'typeorm';
import type { ContactCreationPolicy, PersonContactRecordsPort } from '@m365/shared-types';
import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import type { ContactChannelRepository, ContactFolderRecord } from './contact-channel.repository.js';
import type { ContactLinkRepository } from './contact-link.repository.js';
import type { ContactOutboxRepository } from './outbound/contact-outbox.repository.js';
import type { ContactConflictLogRepository } from './contact-conflict-log.repository.js';
import { importContact, type ContactImportOutcome } from './contact-import.writer.js';
import { CONTACT_SELECT, type GraphContact } from './graph-contact.mapper.js';

interface DeltaPage {
  value: GraphContact[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export interface ContactsImportContext {
  dataSource: DataSource;
  graph: AccountGraphClient;
  workspaceId: string;
  contactChannelId: string;
  policy: ContactCreationPolicy;
  pageSize: number;
  people: PersonContactRecordsPort;
  channels: ContactChannelRepository;
  links: ContactLinkRepository;
  outbox: ContactOutboxRepository;
  conflicts: ContactConflictLogRepository;
  onPage: (counts: Partial<Record<ContactImportOutcome, number>>) => Promise<void>;
  signal: AbortSignal;
}

/** https://learn.microsoft.com/graph/api/contact-delta: per folder; `$select` in the first request only, the links carry it. */
export const initialContactsDeltaLink = (folderExternalId: string) =>
  `/me/contactFolders/${encodeURIComponent(folderExternalId)}/contacts/delta?$select=${CONTACT_SELECT}`;

/**
 * Walks one folder's contacts delta from its cursor to a fresh deltaLink. Each page is written in one transaction
 * with the next cursor: a crash resumes after the last page written, and links make a replayed page a no-op
 * (never a second person). A 410 walks the folder again from the start, once; a 404 (the folder is gone) ends it.
 * A walk from the start unlinks, at its end, the folder's contacts it did not list (deleted in Outlook meanwhile).
 * Returns false when the folder is gone.
 */
export async function importContactsDelta(context: ContactsImportContext, folder: ContactFolderRecord): Promise<boolean> {
  let link = folder.syncCursor;
  let restarted = false;
  // A walk from the start lists what the folder holds; links of contacts it does not list are swept at its end.
  let seen: Set<string> | null = link === null ? new Set() : null;
  for (;;) {
    context.signal.throwIfAborted();
    const requested = link ?? initialContactsDeltaLink(folder.externalId);
    let page: DeltaPage;
    try {
      page = await context.graph.request((client) => client.api(requested).header('Prefer', `odata.maxpagesize=${context.pageSize}, IdType="ImmutableId"`).get());
    } catch (error) {
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.SYNC_STATE_GONE && !restarted) {
        restarted = true;
        link = null;
        seen = new Set();
        await context.channels.saveCursor(folder.id, null);
        continue;
      }
      if (error instanceof MicrosoftGraphException && error.kind === MicrosoftGraphErrorKind.NOT_FOUND) return false;
      throw error;
    }
    const next = page['@odata.nextLink'] ?? page['@odata.deltaLink'];
    if (!next) throw new MicrosoftGraphException(MicrosoftGraphErrorKind.UNKNOWN, 'contacts delta page without nextLink or deltaLink', 200, null);
    const counts: Partial<Record<ContactImportOutcome, number>> = {};
    for (const contact of page.value) if (!contact['@removed']) seen?.add(contact.id);
    await context.dataSource.transaction(async (manager: EntityManager) => {
      const locked = await context.links.lockMany(manager, context.contactChannelId, page.value.map((contact) => contact.id));
      for (const contact of page.value) {
        const outcome = await importContact(
          { manager, workspaceId: context.workspaceId, contactChannelId: context.contactChannelId, folderExternalId: folder.externalId, policy: context.policy,
            people: context.people, links: context.links, outbox: context.outbox, conflicts: context.conflicts },
          contact,
          locked.get(contact.id),
        );
        counts[outcome] = (counts[outcome] ?? 0) + 1;
      }
      await context.channels.saveCursor(folder.id, next, manager);
    });
    await context.onPage(counts);
    if (!page['@odata.nextLink']) {
      if (seen) await context.links.removeUnseen(context.contactChannelId, folder.externalId, [...seen]);
      return true;
    }
    link = next;
  }
}
