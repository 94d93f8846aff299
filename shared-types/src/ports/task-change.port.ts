export enum TaskChangeKind {
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}

/** A member edited or deleted a CRM task; the host calls the port inside the transaction that changes the task. */
export interface TaskChange {
  kind: TaskChangeKind;
  /** The host's open transaction handle (a TypeORM EntityManager in Twenty-style hosts). */
  transaction: unknown;
  workspaceId: string;
  workspaceMemberId: string;
  taskId: string;
  /** When the member made the change (the conflict rule compares it with To Do's lastModifiedDateTime). */
  editedAt: Date;
}

export interface RecordedTaskChange {
  /** Whether the task is synced to Microsoft To Do (the change is on its way there). */
  synced: boolean;
  /** To be called by the host after its transaction committed: starts writing the change to To Do. */
  dispatch(): Promise<void>;
}

/** How the host tells the plugin that a member edited or deleted a task (Twenty emits database events for this). */
export interface TaskChangePort {
  recordChange(change: TaskChange): Promise<RecordedTaskChange>;
}

/** What the host's task-writes code injects (the plugin provides it). */
export const TASK_CHANGE_PORT = 'M365_TASK_CHANGE_PORT';
