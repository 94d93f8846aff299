import type { SharedTaskFields } from '@m365/shared-types';
import { reconcileTask } from '../src/todo/todo-reconcile.rule.js';
import { toGraphTaskPatch, toSharedTaskFields } from '../src/todo/graph-todo-task.mapper.js';

const agreed: SharedTaskFields = { title: 'Call Ana', body: '', dueAt: '2027-01-10T00:00:00.000Z', status: 'TODO' };
const at = (iso: string) => new Date(iso);

describe('reconcileTask: each shared field against what both sides last agreed', () => {
  it('a field one side alone changed goes to the other side', () => {
    const result = reconcileTask(agreed, { ...agreed, title: 'Call Ana today' }, { ...agreed, status: 'DONE' }, at('2027-01-01T10:00:00Z'), at('2027-01-01T09:00:00Z'));
    expect(result.toTodo).toEqual({ title: 'Call Ana today' });
    expect(result.toCrm).toEqual({ status: 'DONE' });
    expect(result.agreed).toEqual({ ...agreed, title: 'Call Ana today', status: 'DONE' });
  });

  it('both changed the same field: the later edit wins (the CRM edit time against To Do lastModifiedDateTime)', () => {
    const crm = { ...agreed, title: 'CRM title' };
    const todo = { ...agreed, title: 'To Do title' };
    expect(reconcileTask(agreed, crm, todo, at('2027-01-01T10:00:01Z'), at('2027-01-01T10:00:00Z'))).toMatchObject({ toTodo: { title: 'CRM title' }, toCrm: {} });
    expect(reconcileTask(agreed, crm, todo, at('2027-01-01T09:59:59Z'), at('2027-01-01T10:00:00Z'))).toMatchObject({ toTodo: {}, toCrm: { title: 'To Do title' }, agreed: { title: 'To Do title' } });
    // A CRM value with no recorded member edit (no write on its way) loses.
    expect(reconcileTask(agreed, crm, todo, null, at('2027-01-01T10:00:00Z')).toCrm).toEqual({ title: 'To Do title' });
  });

  it('the same value on both sides, or due dates written differently for the same instant, is no change', () => {
    const result = reconcileTask(agreed, { ...agreed, body: 'x' }, { ...agreed, body: 'x', dueAt: '2027-01-10T00:00:00Z' }, null, null);
    expect([result.toCrm, result.toTodo]).toEqual([{}, {}]);
  });
});

describe('the To Do task mapping', () => {
  it('reads completed as done, inProgress (and waiting or deferred) as in progress, anything else as to do; a UTC due date as its instant; HTML notes as text', () => {
    expect(toSharedTaskFields({ id: 'a', title: ' T ', status: 'completed', body: { content: '<p>One<br>two &amp; three</p>', contentType: 'html' }, dueDateTime: { dateTime: '2027-02-01T00:00:00.0000000', timeZone: 'UTC' } }))
      .toEqual({ title: 'T', body: 'One\ntwo & three', dueAt: '2027-02-01T00:00:00.000Z', status: 'DONE' });
    expect(toSharedTaskFields({ id: 'a', status: 'waitingOnOthers' }).status).toBe('IN_PROGRESS');
    expect(toSharedTaskFields({ id: 'a', status: 'notStarted' })).toEqual({ title: '', body: '', dueAt: null, status: 'TODO' });
  });

  it('reads a due date set in another zone (Windows or IANA name, as another app may set it) as its instant', () => {
    const due = (timeZone: string) => toSharedTaskFields({ id: 'a', title: 'T', dueDateTime: { dateTime: '2027-02-01T09:00:00.0000000', timeZone } }).dueAt;
    expect(due('Pacific Standard Time')).toBe('2027-02-01T17:00:00.000Z');
    expect(due('Europe/Berlin')).toBe('2027-02-01T08:00:00.000Z');
    expect(due('tzone://Microsoft/Custom')).toBe('2027-02-01T09:00:00.000Z');
  });

  it('writes the due date as UTC, a cleared one as null, and the status by To Do name', () => {
    expect(toGraphTaskPatch({ dueAt: '2027-02-01T00:00:00.000Z', status: 'IN_PROGRESS', body: 'n' })).toEqual({
      dueDateTime: { dateTime: '2027-02-01T00:00:00.000', timeZone: 'UTC' }, status: 'inProgress', body: { content: 'n', contentType: 'text' },
    });
    expect(toGraphTaskPatch({ dueAt: null, status: 'DONE' })).toEqual({ dueDateTime: null, status: 'completed' });
  });
});
