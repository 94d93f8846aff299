import { useState } from 'react';
import { graphql } from '../api/graphql-client';
import { TaskSlot } from '../extensions/TaskSlot';
import { Link } from '../router/Link';
import { dueFromInput, dueInputValue, dueLabel } from './due-date';
import { DELETE_TASK, UPDATE_TASK, type Task } from './tasks.documents';

/** One task: a checkbox that marks it done, its title and due date; opened, its title, body and due date to edit, and the plugins' task actions. */
export function TaskRow({ task, onChanged, initiallyOpen = false, showRecord = false }: { task: Task; onChanged(): void; initiallyOpen?: boolean; showRecord?: boolean }) {
  const [open, setOpen] = useState(initiallyOpen);
  const [title, setTitle] = useState(task.title ?? '');
  const [body, setBody] = useState(task.body ?? '');
  const [due, setDue] = useState(dueInputValue(task.dueAt));
  const [error, setError] = useState<string | null>(null);
  const done = task.status === 'DONE';

  const save = async (patch: Record<string, unknown>) => {
    setError(null);
    try {
      await graphql(UPDATE_TASK, { id: task.id, patch });
      onChanged();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const remove = async () => {
    await graphql(DELETE_TASK, { id: task.id }).then(onChanged, (failure: Error) => setError(failure.message));
  };

  return (
    <li className={`task-row${done ? ' is-done' : ''}`} data-testid="task-row" data-task-id={task.id} data-status={task.status}>
      <div className="task-row-line">
        <input type="checkbox" checked={done} aria-label={done ? 'Mark as to do' : 'Mark as done'} onChange={() => void save({ status: done ? 'TODO' : 'DONE' })} data-testid="task-done" />
        <button type="button" className="task-title" onClick={() => setOpen(!open)} data-testid="task-title">
          {task.title || 'Untitled task'}
        </button>
        {task.dueAt && <span className="muted task-due" data-testid="task-due">Due {dueLabel(task.dueAt)}</span>}
        {showRecord && task.personId && <Link href={`/people/${task.personId}`} className="task-record" data-testid="task-record">{task.personName ?? 'Person'}</Link>}
        {showRecord && !task.personId && task.companyId && <Link href={`/companies/${task.companyId}`} className="task-record" data-testid="task-record">{task.companyName ?? 'Company'}</Link>}
      </div>
      <div className="task-row-actions">
        <TaskSlot taskId={task.id} />
      </div>
      {open && (
        <form
          className="task-editor"
          onSubmit={(event) => {
            event.preventDefault();
            void save({ title, body, ...(due ? { dueAt: dueFromInput(due) } : { clearDueAt: true }) });
          }}
        >
          <input className="input" value={title} onChange={(event) => setTitle(event.target.value)} aria-label="Title" data-testid="task-edit-title" />
          <textarea className="input" value={body} onChange={(event) => setBody(event.target.value)} aria-label="Notes" rows={3} data-testid="task-edit-body" />
          <label className="task-editor-due">
            Due <input type="date" className="input" value={due} onChange={(event) => setDue(event.target.value)} data-testid="task-edit-due" />
          </label>
          <div className="task-editor-buttons">
            <button type="submit" className="button button-primary button-small" data-testid="task-save">Save</button>
            <button type="button" className="button button-secondary button-small" onClick={() => void remove()} data-testid="task-delete">Delete</button>
          </div>
        </form>
      )}
      {error && <p className="form-error">{error}</p>}
    </li>
  );
}
