import { useCallback, useEffect, useRef, useState } from 'react';
import type { FrontHost, RecordObjectName } from '../../plugin-front/plugin-front.types';
import {
  ATTACH_FILE_MUTATION,
  CREATE_FOLDER_MUTATION,
  DRIVE_CHILDREN_QUERY,
  DRIVE_RECENT_QUERY,
  DRIVE_SEARCH_QUERY,
  SHAREPOINT_LIBRARIES_QUERY,
  SHAREPOINT_SITES_QUERY,
} from '../files.documents';
import type { DocumentLibrary, DriveItem, FilesAccount, SharePointSite } from '../files.types';
import { errorText, formatItemCount, formatModified, formatSize } from '../file-format';
import { uploadToOneDrive } from '../hooks/upload-to-onedrive';
import { UploadProgress, type UploadState } from './UploadProgress';
import { DriveItemIcon } from './DriveItemIcon';

type Mode = 'onedrive' | 'search' | 'recent' | 'sharepoint';
/** A folder on the way down: the drive (null: the member's OneDrive) and the item (null: the drive's root). */
interface Crumb {
  driveId: string | null;
  itemId: string | null;
  name: string;
}

interface AttachFileDialogProps {
  host: FrontHost;
  account: FilesAccount;
  objectName: RecordObjectName;
  recordId: string;
  onClose(): void;
  onAttached(): void;
}

const OBJECT = { person: 'PERSON', company: 'COMPANY' } as const;

/** Pick a file to link: browse OneDrive folders, search, recent, SharePoint sites and libraries when authorized; new folders and uploads go in OneDrive. */
export function AttachFileDialog({ host, account, objectName, recordId, onClose, onAttached }: AttachFileDialogProps) {
  const sharePoint = account.filesAccess.sharePoint;
  const [mode, setMode] = useState<Mode>('onedrive');
  const [path, setPath] = useState<Crumb[]>([{ driveId: null, itemId: null, name: 'My files' }]);
  const [items, setItems] = useState<DriveItem[] | null>(null);
  const [selected, setSelected] = useState<DriveItem | null>(null);
  const [search, setSearch] = useState('');
  const [sites, setSites] = useState<SharePointSite[] | null>(null);
  const [libraries, setLibraries] = useState<DocumentLibrary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const here: Crumb | null = path[path.length - 1] ?? null;
  const inOwnDrive = mode === 'onedrive';

  const run = useCallback(async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (failure) {
      setError(errorText(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);

  const openFolder = useCallback(
    (crumb: Crumb) =>
      run(async () => {
        const data = await host.graphql<{ microsoftDriveChildren: { items: DriveItem[] } }>(DRIVE_CHILDREN_QUERY, { connectedAccountId: account.id, driveId: crumb.driveId, itemId: crumb.itemId });
        setItems(data.microsoftDriveChildren.items);
        setSelected(null);
      }),
    [account.id, host, run],
  );

  useEffect(() => {
    if (here && (mode === 'onedrive' || (mode === 'sharepoint' && path[0]!.driveId))) void openFolder(here);
    if (mode === 'recent') {
      void run(async () => setItems((await host.graphql<{ microsoftDriveRecent: DriveItem[] }>(DRIVE_RECENT_QUERY, { connectedAccountId: account.id })).microsoftDriveRecent));
    }
    // A new folder or mode loads once; the loaders are stable.
  }, [mode, here?.driveId, here?.itemId]);

  const uploading = upload !== null && upload.error === null;
  useEffect(() => {
    // Esc closes, as the composer does; not while a file is going up, which closing would hide.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !uploading) onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose, uploading]);

  const switchMode = (next: Mode) => {
    setMode(next);
    setItems(null);
    setSelected(null);
    setSites(null);
    setLibraries(null);
    setPath(next === 'onedrive' ? [{ driveId: null, itemId: null, name: 'My files' }] : []);
  };

  const runSearch = () =>
    run(async () => {
      if (mode === 'sharepoint' && path.length === 0) {
        setSites((await host.graphql<{ microsoftSharePointSites: SharePointSite[] }>(SHAREPOINT_SITES_QUERY, { connectedAccountId: account.id, search })).microsoftSharePointSites);
        return;
      }
      const data = await host.graphql<{ microsoftDriveSearch: DriveItem[] }>(DRIVE_SEARCH_QUERY, { connectedAccountId: account.id, search, driveId: mode === 'sharepoint' ? path[0]?.driveId : null });
      setItems(data.microsoftDriveSearch);
      setSelected(null);
    });

  const openSite = (site: SharePointSite) =>
    run(async () => setLibraries((await host.graphql<{ microsoftSharePointLibraries: DocumentLibrary[] }>(SHAREPOINT_LIBRARIES_QUERY, { connectedAccountId: account.id, siteId: site.id })).microsoftSharePointLibraries));

  const openItem = (item: DriveItem) => {
    if (!item.isFolder) return setSelected(item);
    // A double click is two clicks on the folder before its children arrive: the second must not go down again.
    setPath((current) => (current[current.length - 1]?.itemId === item.itemId ? current : [...current, { driveId: item.driveId, itemId: item.itemId, name: item.name }]));
    setItems(null);
    setSelected(null);
    if (mode !== 'onedrive' && mode !== 'sharepoint') setMode('onedrive');
  };

  const attach = () =>
    selected &&
    run(async () => {
      await host.graphql(ATTACH_FILE_MUTATION, { connectedAccountId: account.id, objectName: OBJECT[objectName], recordId, driveId: selected.driveId, itemId: selected.itemId });
      onAttached();
    });

  const createFolder = () => {
    const name = window.prompt('New folder name');
    if (!name) return;
    void run(async () => {
      await host.graphql(CREATE_FOLDER_MUTATION, { connectedAccountId: account.id, name, parentDriveId: here?.driveId, parentItemId: here?.itemId });
      if (here) await openFolder(here);
    });
  };

  const uploadHere = async (file: File) => {
    setUpload({ name: file.name, progress: 0, error: null });
    try {
      await uploadToOneDrive({ connectedAccountId: account.id, parentItemId: here?.itemId, record: { objectName, recordId } }, file, (progress) => setUpload({ name: file.name, progress, error: null }));
      setUpload(null);
      onAttached();
    } catch (failure) {
      setUpload({ name: file.name, progress: 0, error: errorText(failure) });
    }
  };

  return (
    <div className="m365-dialog-backdrop">
      <div className="m365-dialog m365-files-dialog" role="dialog" aria-label="Attach a file" data-testid="files-attach-dialog">
        <h3>Attach a file from {account.handle}</h3>
        <div className="m365-files-modes" role="tablist">
          {(['onedrive', 'search', 'recent'] as Mode[]).map((each) => (
            <button key={each} type="button" role="tab" aria-selected={mode === each} className={`m365-button m365-button-small${mode === each ? ' m365-button-primary' : ''}`} onClick={() => switchMode(each)} data-testid={`files-mode-${each}`}>
              {each === 'onedrive' ? 'My files' : each === 'search' ? 'Search' : 'Recent'}
            </button>
          ))}
          {sharePoint === 'AVAILABLE' && (
            <button type="button" role="tab" aria-selected={mode === 'sharepoint'} className={`m365-button m365-button-small${mode === 'sharepoint' ? ' m365-button-primary' : ''}`} onClick={() => switchMode('sharepoint')} data-testid="files-mode-sharepoint">
              SharePoint
            </button>
          )}
        </div>
        {sharePoint !== 'AVAILABLE' && sharePoint !== 'NOT_AVAILABLE' && <p className="m365-muted" data-testid="files-sharepoint-off">SharePoint: {account.filesAccess.sharePointMessage}</p>}
        {(mode === 'search' || mode === 'sharepoint') && (
          <form
            className="m365-files-search"
            onSubmit={(event) => {
              event.preventDefault();
              void runSearch();
            }}
          >
            <input value={search} onChange={(event) => setSearch(event.target.value)} placeholder={mode === 'sharepoint' && path.length === 0 ? 'Search sites' : 'Search files'} data-testid="files-search-input" />
            <button type="submit" className="m365-button m365-button-small" disabled={!search.trim() || busy} data-testid="files-search-submit">
              Search
            </button>
          </form>
        )}
        {path.length > 0 && (mode === 'onedrive' || mode === 'sharepoint') && (
          <nav className="m365-files-path" data-testid="files-path">
            {path.map((crumb, index) => (
              <button key={`${crumb.itemId}-${index}`} type="button" className="m365-link-button" onClick={() => setPath(path.slice(0, index + 1))}>
                {crumb.name}
              </button>
            ))}
          </nav>
        )}
        {mode === 'sharepoint' && path.length === 0 && (
          <ul className="m365-files-list" data-testid="files-sites">
            {(sites ?? []).map((site) => (
              <li key={site.id}>
                <button type="button" className="m365-link-button" onClick={() => void openSite(site)} data-testid="files-site">
                  {site.name}
                </button>
                {libraries && (
                  <ul>
                    {libraries.map((library) => (
                      <li key={library.driveId}>
                        <button type="button" className="m365-link-button" onClick={() => setPath([{ driveId: library.driveId, itemId: null, name: `${site.name} / ${library.name}` }])} data-testid="files-library">
                          <DriveItemIcon kind="library" />{library.name}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        {items && (mode !== 'sharepoint' || path.length > 0) && (
          <ul className="m365-files-list" data-testid="files-items">
            {items.length === 0 && <li className="m365-muted">Nothing here.</li>}
            {items.map((item) => (
              <li key={`${item.driveId}/${item.itemId}`} className={selected?.itemId === item.itemId ? 'is-selected' : ''}>
                <button type="button" className="m365-link-button" onClick={() => openItem(item)} data-testid="files-item" data-folder={item.isFolder}>
                  <DriveItemIcon kind={item.isFolder ? 'folder' : 'file'} />{item.name}
                </button>
                <span className="m365-file-note">{item.isFolder ? formatItemCount(item.childCount) : `${formatSize(item.size)} · ${formatModified(item.lastModifiedAt)}`}</span>
              </li>
            ))}
          </ul>
        )}
        {upload && <UploadProgress upload={upload} onDismiss={() => setUpload(null)} />}
        {error && <p className="m365-error-text" data-testid="files-dialog-error">{error}</p>}
        <div className="m365-dialog-actions">
          {inOwnDrive && (
            <>
              <button type="button" className="m365-button m365-button-small" onClick={createFolder} disabled={busy} data-testid="files-new-folder">
                New folder
              </button>
              <button type="button" className="m365-button m365-button-small" onClick={() => input.current?.click()} disabled={busy || uploading} data-testid="files-upload-here">
                Upload here
              </button>
              <input
                ref={input}
                type="file"
                hidden
                data-testid="files-upload-here-input"
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void uploadHere(file);
                }}
              />
            </>
          )}
          <button type="button" className="m365-button m365-button-small" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="m365-button m365-button-primary m365-button-small" disabled={!selected || busy} onClick={() => void attach()} data-testid="files-attach-selected">
            Attach{selected ? ` ${selected.name}` : ''}
          </button>
        </div>
      </div>
    </div>
  );
}
