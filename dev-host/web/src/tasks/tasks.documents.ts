const TASK_FIELDS = 'id title body dueAt status assigneeId personId companyId personName companyName createdAt updatedAt';

export const TASKS_QUERY = `query Tasks($personId: ID, $companyId: ID) { tasks(personId: $personId, companyId: $companyId) { totalCount tasks { ${TASK_FIELDS} } } }`;
export const CREATE_TASK = `mutation CreateTask($input: TaskInput!) { createTask(input: $input) { ${TASK_FIELDS} } }`;
export const UPDATE_TASK = `mutation UpdateTask($id: ID!, $patch: TaskPatch!) { updateTask(id: $id, patch: $patch) { ${TASK_FIELDS} } }`;
export const DELETE_TASK = `mutation DeleteTask($id: ID!) { deleteTask(id: $id) }`;

export type TaskStatus = 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface Task {
  id: string;
  title: string | null;
  body: string | null;
  dueAt: string | null;
  status: TaskStatus;
  assigneeId: string | null;
  personId: string | null;
  companyId: string | null;
  personName: string | null;
  companyName: string | null;
  createdAt: string;
  updatedAt: string;
}
