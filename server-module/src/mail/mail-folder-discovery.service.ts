import type { MessageFolderInput } from '@m365/shared-types';
import type { AccountGraphClient } from '../graph/account-graph-client.js';
import { runBatch } from '../graph/graph-batch.runner.js';

interface GraphFolder {
  id: string;
  displayName: string;
  parentFolderId?: string | null;
  childFolderCount?: number;
  totalItemCount?: number;
}

interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

export interface DiscoveredFolders {
  folders: MessageFolderInput[];
  /** Outlook's well-known folders that hold no correspondence worth importing (drafts, junk, deleted, outbox…). */
  excludedExternalIds: Set<string>;
  /** The Inbox, whatever the mailbox's language calls it. */
  inboxExternalId: string | null;
  totalItemCounts: Map<string, number>;
}

// Looked up by their well-known names; mailFolder has no wellKnownName property in v1.0:
// https://learn.microsoft.com/graph/api/resources/mailfolder
const INBOX = 'inbox';
const SENT_ITEMS = 'sentitems';
const EXCLUDED_WELL_KNOWN = ['drafts', 'deleteditems', 'junkemail', 'outbox', 'conversationhistory', 'syncissues', 'scheduled', 'searchfolders'];
const PAGE = '?$top=100&$select=id,displayName,parentFolderId,childFolderCount,totalItemCount';

/** Every folder of the mailbox, at any depth: top level by paging, children one level at a time through $batch. */
export async function discoverMailFolders(graph: AccountGraphClient): Promise<DiscoveredFolders> {
  const all: GraphFolder[] = [];
  let link: string | undefined = `/me/mailFolders${PAGE}`;
  while (link) {
    const page: GraphPage<GraphFolder> = await graph.request((client) => client.api(link!).get());
    all.push(...page.value);
    link = page['@odata.nextLink'];
  }

  let parents = all.filter((folder) => (folder.childFolderCount ?? 0) > 0);
  while (parents.length > 0) {
    const results = await runBatch(graph, parents.map((folder) => ({ id: folder.id, url: `/me/mailFolders/${folder.id}/childFolders${PAGE}` })));
    const children: GraphFolder[] = [];
    for (const parent of parents) {
      const result = results.get(parent.id);
      if (!result || result.status !== 200) continue; // A folder that vanished meanwhile; the next pass sees the truth.
      let page = result.body as GraphPage<GraphFolder>;
      children.push(...page.value);
      while (page['@odata.nextLink']) {
        const next: string = page['@odata.nextLink'];
        page = await graph.request((client) => client.api(next).get());
        children.push(...page.value);
      }
    }
    all.push(...children);
    parents = children.filter((folder) => (folder.childFolderCount ?? 0) > 0);
  }

  const wellKnown = await runBatch(graph, [INBOX, SENT_ITEMS, ...EXCLUDED_WELL_KNOWN].map((name) => ({ id: name, url: `/me/mailFolders/${name}?$select=id` })));
  const idOf = (name: string) => (wellKnown.get(name)?.status === 200 ? (wellKnown.get(name)!.body as { id: string }).id : undefined);
  const sentId = idOf(SENT_ITEMS);
  const excluded = new Set(EXCLUDED_WELL_KNOWN.map(idOf).filter((id): id is string => Boolean(id)));
  const known = new Set(all.map((folder) => folder.id));

  return {
    folders: all.map((folder) => ({
      externalId: folder.id,
      name: folder.displayName,
      parentExternalId: folder.parentFolderId && known.has(folder.parentFolderId) ? folder.parentFolderId : null,
      isSentFolder: folder.id === sentId,
    })),
    excludedExternalIds: excluded,
    inboxExternalId: idOf(INBOX) ?? null,
    totalItemCounts: new Map(all.map((folder) => [folder.id, folder.totalItemCount ?? 0])),
  };
}
