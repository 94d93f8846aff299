/** The host's records that can carry plugin attachments (files on records). */
export type CrmRecordObject = 'person' | 'company';

/** What files on records need of the host's records: whether one exists in the workspace (not deleted). */
export interface CrmRecordDirectoryPort {
  recordExists(workspaceId: string, object: CrmRecordObject, recordId: string): Promise<boolean>;
}
