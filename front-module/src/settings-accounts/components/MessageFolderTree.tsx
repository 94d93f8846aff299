import { useRecoilCallback, useRecoilValue } from 'recoil';
import { buildFolderTree, flattenFolderTree, type FolderRow } from '../../accounts/folder-tree';
import type { MicrosoftMessageFolder } from '../../graphql/microsoft-account.types';
import { folderToggleErrorState, pendingFolderSyncedState } from '../../state/mail-sync.state';

interface MessageFolderTreeProps {
  channelId: string;
  folders: MicrosoftMessageFolder[];
  onToggle(folder: MicrosoftMessageFolder, isSynced: boolean): void;
}

function FolderToggleRow({ row, onToggle }: { row: FolderRow; onToggle(folder: MicrosoftMessageFolder, isSynced: boolean): void }) {
  const { folder, depth } = row;
  const neverImported = folder.isNeverImported;
  const pending = useRecoilValue(pendingFolderSyncedState(folder.id));
  const checked = !neverImported && (pending ?? folder.isSynced);
  return (
    <li
      className={`m365-folder-row${neverImported ? ' is-never-imported' : ''}`}
      style={{ paddingLeft: depth * 20 }}
      data-testid="message-folder"
      data-folder-name={folder.name}
      data-depth={depth}
      data-synced={String(checked)}
    >
      <label className="m365-folder-label">
        <span className="m365-folder-icon" aria-hidden="true">
          {depth > 0 ? '└' : ''}
        </span>
        <span className="m365-folder-name">{folder.name}</span>
        {folder.isSentFolder && (
          <span className="m365-folder-tag" data-testid="sent-folder-tag">
            Sent
          </span>
        )}
        {neverImported && <span className="m365-folder-note">never imported</span>}
        <input
          type="checkbox"
          role="switch"
          className="m365-toggle"
          checked={checked}
          disabled={neverImported || pending !== null}
          aria-label={`Import ${folder.name}`}
          onChange={(event) => onToggle(folder, event.target.checked)}
          data-testid={`message-folder-toggle-${folder.name}`}
        />
      </label>
    </li>
  );
}

/** Under "Selected folders": the mailbox's folders as Outlook nests them, each with its own switch. */
export function MessageFolderTree({ channelId, folders, onToggle }: MessageFolderTreeProps) {
  const error = useRecoilValue(folderToggleErrorState(channelId));
  const dismiss = useRecoilCallback(({ set }) => () => set(folderToggleErrorState(channelId), null), [channelId]);
  const rows = flattenFolderTree(buildFolderTree(folders));
  const selected = rows.filter((row) => !row.folder.isNeverImported && row.folder.isSynced).length;

  return (
    <div className="m365-folder-tree" data-testid="message-folder-tree">
      <p className="m365-field-caption">
        {rows.length === 0
          ? 'The folders appear here after the first sync has listed them.'
          : `${selected} of ${rows.filter((row) => !row.folder.isNeverImported).length} folders imported. Sub-folders are chosen on their own. Drafts, Deleted Items, Junk Email and Outbox are never imported.`}
      </p>
      {error && (
        <div className="m365-banner m365-banner-error" data-testid="message-folder-error">
          <span>{error}</span>
          <button type="button" className="m365-icon-button" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
      )}
      {rows.length > 0 && (
        <ul className="m365-folder-list">
          {rows.map((row) => (
            <FolderToggleRow key={row.folder.id} row={row} onToggle={onToggle} />
          ))}
        </ul>
      )}
    </div>
  );
}
