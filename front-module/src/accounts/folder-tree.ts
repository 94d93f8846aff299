import type { MicrosoftMessageFolder } from '../graphql/microsoft-account.types';

export interface FolderNode {
  folder: MicrosoftMessageFolder;
  children: FolderNode[];
}

export interface FolderRow {
  folder: MicrosoftMessageFolder;
  depth: number;
}

/** Inbox first, then the sent folder, then the rest by name; the folders never imported go last. */
function compareFolders(a: MicrosoftMessageFolder, b: MicrosoftMessageFolder): number {
  const rank = (folder: MicrosoftMessageFolder) => (folder.isInbox ? 0 : folder.isSentFolder ? 1 : folder.isNeverImported ? 3 : 2);
  return rank(a) - rank(b) || a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);
}

/**
 * Nests folders by parentFolderId, which holds the parent's externalId (null at the top level). A folder whose parent
 * is not in the list (or that sits in a loop) is shown at the top level rather than lost.
 */
export function buildFolderTree(folders: readonly MicrosoftMessageFolder[]): FolderNode[] {
  const nodes = new Map<string, FolderNode>();
  for (const folder of folders) if (!nodes.has(folder.externalId)) nodes.set(folder.externalId, { folder, children: [] });

  /** Whether following parents from this folder comes back to it (bad data); such a folder goes to the top level. */
  const inLoop = (start: MicrosoftMessageFolder) => {
    const seen = new Set<string>();
    for (let parent = start.parentFolderId; parent !== null && nodes.has(parent) && !seen.has(parent); parent = nodes.get(parent)!.folder.parentFolderId) {
      if (parent === start.externalId) return true;
      seen.add(parent);
    }
    return false;
  };

  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parentId = node.folder.parentFolderId;
    const parent = parentId !== null && parentId !== node.folder.externalId ? nodes.get(parentId) : undefined;
    if (parent && !inLoop(node.folder)) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: FolderNode[]) => {
    list.sort((a, b) => compareFolders(a.folder, b.folder));
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** The tree as rows in display order, each with its depth, for an indented list. */
export function flattenFolderTree(tree: readonly FolderNode[], depth = 0): FolderRow[] {
  return tree.flatMap((node) => [{ folder: node.folder, depth }, ...flattenFolderTree(node.children, depth + 1)]);
}

/** The folder list with one folder's isSynced changed: what the toggle shows before the server answers. */
export function withFolderSynced(folders: readonly MicrosoftMessageFolder[], folderId: string, isSynced: boolean): MicrosoftMessageFolder[] {
  return folders.map((folder) => (folder.id === folderId ? { ...folder, isSynced } : folder));
}
