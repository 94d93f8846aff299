import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordSlotProps } from '../../plugin-front/plugin-front.types';
import { REMOVE_FILE_LINK_MUTATION, RECORD_FILES_QUERY } from '../files.documents';
import type { RecordFile } from '../files.types';
import { errorText, formatModified, formatSize } from '../file-format';
import { useFilesAccounts } from '../hooks/useFilesAccounts';
import { uploadToOneDrive } from '../hooks/upload-to-onedrive';
import { AttachFileDialog } from './AttachFileDialog';
import { DriveItemIcon } from './DriveItemIcon';
import { UploadProgress, type UploadState } from './UploadProgress';

const OBJECT = { person: 'PERSON', company: 'COMPANY' } as const;

/**
 * The record's Files tab: its OneDrive and SharePoint files as Microsoft has them now (a renamed file shows its new
 * name, a deleted one is marked gone), open by webUrl, unlink; attach from the picker, or upload to OneDrive.
 */
export function FilesTab({ host, objectName, recordId }: RecordSlotProps) {
  const [files, setFiles] = useState<RecordFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attaching, setAttaching] = useState(false);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const { accounts } = useFilesAccounts(host);
  const account = accounts?.find((candidate) => candidate.filesAccess.oneDrive) ?? null;
  const offReason = accounts && !account ? (accounts[0]?.filesAccess.oneDriveReason ?? 'Connect a Microsoft account in Settings → Accounts to attach OneDrive files.') : null;

  const load = useCallback(() => {
    host
      .graphql<{ microsoftRecordFiles: RecordFile[] }>(RECORD_FILES_QUERY, { objectName: OBJECT[objectName], recordId })
      .then((data) => {
        setFiles(data.microsoftRecordFiles);
        setError(null);
      })
      .catch((failure: unknown) => setError(errorText(failure)));
  }, [host, objectName, recordId]);
  useEffect(load, [load]);

  const remove = async (file: RecordFile) => {
    try {
      await host.graphql(REMOVE_FILE_LINK_MUTATION, { fileLinkId: file.id });
      load();
    } catch (failure) {
      setError(errorText(failure));
    }
  };

  const uploadFile = async (file: File) => {
    if (!account) return;
    setUpload({ name: file.name, progress: 0, error: null });
    try {
      await uploadToOneDrive({ connectedAccountId: account.id, record: { objectName, recordId } }, file, (progress) => setUpload({ name: file.name, progress, error: null }));
      setUpload(null);
      load();
    } catch (failure) {
      setUpload({ name: file.name, progress: 0, error: errorText(failure) });
    }
  };

  return (
    <div className="m365-files-tab" data-testid="files-tab">
      <div className="m365-files-toolbar">
        <button type="button" className="m365-button m365-button-primary m365-button-small" disabled={!account} onClick={() => setAttaching(true)} data-testid="files-attach">
          Attach file
        </button>
        <button type="button" className="m365-button m365-button-small" disabled={!account || upload !== null && upload.error === null} onClick={() => input.current?.click()} data-testid="files-upload">
          Upload to OneDrive
        </button>
        <input
          ref={input}
          type="file"
          hidden
          data-testid="files-upload-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void uploadFile(file);
          }}
        />
      </div>
      {offReason && <p className="m365-muted" data-testid="files-unavailable">{offReason}</p>}
      {upload && <UploadProgress upload={upload} onDismiss={() => setUpload(null)} />}
      {error && <p className="m365-error-text" data-testid="files-error">{error}</p>}
      {files && files.length === 0 && <p className="m365-muted" data-testid="files-empty">No files yet.</p>}
      {files && files.length > 0 && (
        <table className="m365-files-table" data-testid="files-list">
          <thead>
            <tr>
              <th>Name</th>
              <th>Size</th>
              <th>Modified</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={file.id} data-testid="file-row" data-state={file.state}>
                <td>
                  {file.state !== 'GONE' && file.webUrl ? (
                    <a href={file.webUrl} target="_blank" rel="noreferrer" data-testid="file-open">
                      {file.isFolder && <DriveItemIcon kind="folder" />}
                      {file.name}
                    </a>
                  ) : (
                    <span className="m365-file-gone" data-testid="file-gone">{file.name}</span>
                  )}{' '}
                  <span className="m365-file-source">{file.source === 'SHAREPOINT' ? 'SharePoint' : 'OneDrive'}</span>
                  {file.state === 'GONE' && <span className="m365-file-note"> — deleted or moved out of reach in {file.source === 'SHAREPOINT' ? 'SharePoint' : 'OneDrive'}</span>}
                  {file.state === 'UNREACHABLE' && file.reason && <span className="m365-file-note" title={file.reason}> — as last seen ({file.reason})</span>}
                </td>
                <td data-testid="file-size">{formatSize(file.size)}</td>
                <td>{formatModified(file.lastModifiedAt)}</td>
                <td>
                  {file.attachedByMe && (
                    <button type="button" className="m365-button m365-button-small m365-button-danger-ghost" onClick={() => void remove(file)} data-testid="file-remove" title="Removes the link; the file stays">
                      Remove link
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {attaching && account && (
        <AttachFileDialog
          host={host}
          account={account}
          objectName={objectName}
          recordId={recordId}
          onClose={() => setAttaching(false)}
          onAttached={() => {
            setAttaching(false);
            load();
          }}
        />
      )}
    </div>
  );
}
