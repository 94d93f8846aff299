/** A CRM task's status, as Twenty names it. */
export type CrmTaskStatus = 'TODO' | 'IN_PROGRESS' | 'DONE';

/**
 * The fields a CRM task and a Microsoft To Do task share, in one comparable shape: title and body trimmed ('' when
 * empty), the due date as an ISO instant or null.
 */
export interface SharedTaskFields {
  title: string;
  body: string;
  dueAt: string | null;
  status: CrmTaskStatus;
}

export interface CrmTaskSnapshot extends SharedTaskFields {
  taskId: string;
  /** The records the task is on (Twenty's task targets): the To Do task's link opens the first of them. */
  personId: string | null;
  companyId: string | null;
}

/**
 * What the To Do sync needs of the host's tasks. The plugin writes tasks only through here; these writes are the
 * sync's, not a member's, so the host does not report them back through the task change port.
 */
export interface TaskRecordsPort {
  /**
   * A live (not deleted) task, or null. `forUpdate` locks its row in the transaction (the sync takes the task's lock
   * before its own link's, the order in which a member's edit takes them).
   */
  findTask(workspaceId: string, taskId: string, transaction?: unknown, options?: { forUpdate?: boolean }): Promise<CrmTaskSnapshot | null>;
  /** Sets only the given fields. */
  updateTask(workspaceId: string, taskId: string, fields: Partial<SharedTaskFields>, transaction?: unknown): Promise<void>;
}
