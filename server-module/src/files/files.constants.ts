// Upload session chunks must be multiples of 320 KiB and each request under 60 MiB
// (https://learn.microsoft.com/graph/api/driveitem-createuploadsession#upload-bytes-to-the-upload-session).
export const UPLOAD_CHUNK_UNIT_BYTES = 320 * 1024;
export const UPLOAD_CHUNK_BYTES = 10 * UPLOAD_CHUNK_UNIT_BYTES;
// Microsoft suggests the simple PUT …/content only for small files; anything larger goes through a session.
export const SIMPLE_UPLOAD_MAX_BYTES = 4 * 1024 * 1024;
/** OneDrive's largest file (250 GB); a size above it is refused before a byte is read. */
export const ONEDRIVE_MAX_FILE_BYTES = 250 * 1024 * 1024 * 1024;
export const PICKER_PAGE_SIZE = 200;
/** A record shows at most this many links (newest first). */
export const RECORD_FILES_SHOWN = 200;
