export interface UploadState {
  name: string;
  /** 0..1 */
  progress: number;
  error: string | null;
}

/** One upload's progress bar, or why it failed. */
export function UploadProgress({ upload, onDismiss }: { upload: UploadState; onDismiss(): void }) {
  const percent = Math.round(upload.progress * 100);
  return (
    <div className="m365-files-upload" data-testid="files-upload-progress">
      <span>
        {upload.error ? `${upload.name} was not uploaded: ${upload.error}` : `Uploading ${upload.name}… ${percent}%`}
      </span>
      {upload.error ? (
        <button type="button" className="m365-button m365-button-small" onClick={onDismiss}>
          Dismiss
        </button>
      ) : (
        <div className="m365-progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
          <div className="m365-progress-fill" style={{ width: `${percent}%` }} />
        </div>
      )}
    </div>
  );
}
