import type { AccountGraphClient } from '../graph/account-graph-client.js';

interface GraphContactFolder {
  id: string;
  displayName: string;
  parentFolderId?: string | null;
}

interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

export interface DiscoveredContactFolder {
  externalId: string;
  name: string;
  parentExternalId: string | null;
}

/** Name of the root folder when Outlook lists only the folders inside it. */
export const DEFAULT_CONTACTS_FOLDER_NAME = 'Contacts';

async function listAll(graph: AccountGraphClient, first: string): Promise<GraphContactFolder[]> {
  const folders: GraphContactFolder[] = [];
  let link: string | undefined = first;
  while (link) {
    const current: string = link;
    const page: GraphPage<GraphContactFolder> = await graph.request((client) => client.api(current).get());
    folders.push(...page.value);
    link = page['@odata.nextLink'];
  }
  return folders;
}

/**
 * Every contact folder of the account, nested ones too (`childFolders`, walked breadth first). Graph documents
 * `GET /me/contactFolders` as the folders inside the default Contacts folder, while its example lists "Contacts"
 * itself; when the root is not among them, it is added under the id the listed folders name as their parent, so
 * the contacts directly in it are imported as well (a walk of an id that is no folder ends at its 404).
 * https://learn.microsoft.com/graph/api/user-list-contactfolders, https://learn.microsoft.com/graph/api/contactfolder-list-childfolders
 */
export async function discoverContactFolders(graph: AccountGraphClient): Promise<DiscoveredContactFolder[]> {
  const found = new Map<string, DiscoveredContactFolder>();
  let level = await listAll(graph, '/me/contactFolders?$top=100');
  const topLevel = [...level];
  while (level.length > 0) {
    const next: GraphContactFolder[] = [];
    for (const folder of level) {
      if (found.has(folder.id)) continue;
      found.set(folder.id, { externalId: folder.id, name: folder.displayName, parentExternalId: folder.parentFolderId ?? null });
      next.push(...(await listAll(graph, `/me/contactFolders/${encodeURIComponent(folder.id)}/childFolders?$top=100`)));
    }
    level = next;
  }
  const rootIds = new Set(topLevel.map((folder) => folder.parentFolderId).filter((id): id is string => Boolean(id) && !found.has(id!)));
  const rootListed = topLevel.some((folder) => folder.displayName === DEFAULT_CONTACTS_FOLDER_NAME);
  if (rootIds.size === 1 && !rootListed) {
    const [root] = rootIds;
    found.set(root, { externalId: root, name: DEFAULT_CONTACTS_FOLDER_NAME, parentExternalId: null });
  }
  return [...found.values()];
}
