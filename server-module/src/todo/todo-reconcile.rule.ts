import type { SharedTaskFields } from '@m365/shared-types';
import { SHARED_TASK_FIELDS, sameTaskValue } from './graph-todo-task.mapper.js';

export interface TaskReconciliation {
  /** Fields To Do changed that the CRM takes. */
  toCrm: Partial<SharedTaskFields>;
  /** Fields the CRM changed that To Do takes. */
  toTodo: Partial<SharedTaskFields>;
  /** What both sides agree on once both writes are made. */
  agreed: SharedTaskFields;
}

/**
 * Each shared field against what both sides last agreed: a side that alone changed it wins; when both changed it to
 * different values, the later edit wins (the member's edit time against To Do's lastModifiedDateTime; a CRM value
 * with no recorded edit loses).
 */
export function reconcileTask(agreedBefore: Partial<SharedTaskFields>, crm: SharedTaskFields, todo: SharedTaskFields, crmEditedAt: Date | null, todoModifiedAt: Date | null): TaskReconciliation {
  const toCrm: Partial<SharedTaskFields> = {};
  const toTodo: Partial<SharedTaskFields> = {};
  const agreed = { ...crm };
  const set = (target: Partial<SharedTaskFields>, field: keyof SharedTaskFields, value: unknown) => void ((target as Record<string, unknown>)[field] = value);
  for (const field of SHARED_TASK_FIELDS) {
    const crmChanged = !sameTaskValue(field, crm[field], agreedBefore[field]);
    const todoChanged = !sameTaskValue(field, todo[field], agreedBefore[field]);
    if (sameTaskValue(field, crm[field], todo[field])) continue;
    const crmWins = crmChanged && (!todoChanged || (crmEditedAt !== null && (todoModifiedAt === null || crmEditedAt.getTime() > todoModifiedAt.getTime())));
    if (crmWins) set(toTodo, field, crm[field]);
    else {
      set(toCrm, field, todo[field]);
      set(agreed, field, todo[field]);
    }
  }
  return { toCrm, toTodo, agreed };
}
