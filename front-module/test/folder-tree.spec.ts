import { buildFolderTree, flattenFolderTree, withFolderSynced } from '../src/accounts/folder-tree';
import type { MicrosoftMessageFolder } from '../src/graphql/microsoft-account.types';

let next = 0;
const folder = (name: string, externalId: string, parentFolderId: string | null = null, extra: Partial<MicrosoftMessageFolder> = {}): MicrosoftMessageFolder => ({
  id: `id-${(next += 1)}`,
  name,
  externalId,
  parentFolderId,
  isSentFolder: false,
  isSynced: true,
  isNeverImported: false,
  isInbox: false,
  ...extra,
});

const rows = (folders: MicrosoftMessageFolder[]) => flattenFolderTree(buildFolderTree(folders)).map((row) => `${'  '.repeat(row.depth)}${row.folder.name}${row.folder.isNeverImported ? ' (never)' : ''}`);

describe('buildFolderTree', () => {
  it('nests folders by parentFolderId ↔ externalId, Inbox then Sent first, the rest by name', () => {
    const folders = [
      folder('Projects', 'ext-projects'),
      folder('Important', 'ext-important', 'ext-projects'),
      folder('Archive', 'ext-archive'),
      folder('Sent Items', 'ext-sent', null, { isSentFolder: true }),
      folder('Clients', 'ext-clients'),
      folder('Inbox', 'ext-inbox', null, { isInbox: true }),
      folder('Urgent', 'ext-urgent', 'ext-important'),
      folder('Alpha', 'ext-alpha', 'ext-projects'),
      folder('Éléments supprimés', 'ext-deleted', null, { isNeverImported: true }),
      folder('Brouillons', 'ext-drafts', null, { isNeverImported: true }),
    ];
    // What is never imported comes from the server (Outlook's well-known folders), whatever their names' language.
    expect(rows(folders)).toEqual(['Inbox', 'Sent Items', 'Archive', 'Clients', 'Projects', '  Alpha', '  Important', '    Urgent', 'Brouillons (never)', 'Éléments supprimés (never)']);
  });

  it("puts the server's Inbox first whatever the mailbox's language calls it, and no folder merely named Inbox", () => {
    const folders = [
      folder('Inbox', 'ext-named-inbox'),
      folder('Éléments envoyés', 'ext-sent', null, { isSentFolder: true }),
      folder('Archives', 'ext-archive'),
      folder('Boîte de réception', 'ext-inbox', null, { isInbox: true }),
    ];
    expect(rows(folders)).toEqual(['Boîte de réception', 'Éléments envoyés', 'Archives', 'Inbox']);
  });

  it('puts a folder whose parent is unknown at the top level', () => {
    expect(rows([folder('Orphan', 'ext-orphan', 'ext-gone'), folder('Inbox', 'ext-inbox', null, { isInbox: true })])).toEqual(['Inbox', 'Orphan']);
  });

  it('survives loops and self-parents without losing a folder', () => {
    const tree = rows([folder('A', 'a', 'b'), folder('B', 'b', 'a'), folder('Self', 's', 's'), folder('Child', 'c', 'a')]);
    expect(tree).toEqual(['A', '  Child', 'B', 'Self']);
  });

  it('is empty for no folders', () => {
    expect(buildFolderTree([])).toEqual([]);
  });
});

describe('withFolderSynced', () => {
  it('changes one folder only, without touching the input', () => {
    const folders = [folder('Inbox', 'i'), folder('Archive', 'a')];
    const changed = withFolderSynced(folders, folders[1]!.id, false);
    expect(changed.map((each) => each.isSynced)).toEqual([true, false]);
    expect(folders[1]!.isSynced).toBe(true);
  });
});
