import { useState } from 'react';
import { graphql } from '../api/graphql-client';
import { useQuery } from '../api/use-query';
import { EmptyState } from '../ui/EmptyState';
import { dueFromInput } from './due-date';
import { TaskRow } from './TaskRow';
import { CREATE_TASK, TASKS_QUERY, type Task } from './tasks.documents';

const REFRESH_MS = 3_000;

/** Tasks (of one record, or all of the workspace's), to do first, with a form that adds one. */
interface TaskListProps {
  personId?: string;
  companyId?: string;
  emptyText: string;
  /** A task shown opened (the page a To Do task's link leads to). */
  openTaskId?: string | null;
  /** Each task names the record it is on (the workspace-wide list). */
  showRecord?: boolean;
}

export function TaskList({ personId, companyId, emptyText, openTaskId = null, showRecord = false }: TaskListProps) {
  const [version, setVersion] = useState(0);
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { data, error: loadError } = useQuery<{ tasks: { totalCount: number; tasks: Task[] } }>(TASKS_QUERY, { personId: personId ?? null, companyId: companyId ?? null, version }, { refreshIntervalMs: REFRESH_MS });
  const refresh = () => setVersion((value) => value + 1);

  const add = async () => {
    if (!title.trim()) return;
    setError(null);
    try {
      await graphql(CREATE_TASK, { input: { title, dueAt: dueFromInput(due), personId: personId ?? null, companyId: companyId ?? null } });
      setTitle('');
      setDue('');
      refresh();
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <div className="tasks" data-testid="tasks">
      <form
        className="task-new"
        onSubmit={(event) => {
          event.preventDefault();
          void add();
        }}
      >
        <input className="input" placeholder="New task" value={title} onChange={(event) => setTitle(event.target.value)} data-testid="task-new-title" />
        <input type="date" className="input" value={due} onChange={(event) => setDue(event.target.value)} aria-label="Due date" data-testid="task-new-due" />
        <button type="submit" className="button button-primary button-small" disabled={!title.trim()} data-testid="task-add">Add task</button>
      </form>
      {(error ?? loadError) && <p className="form-error">{error ?? loadError}</p>}
      {data && data.tasks.totalCount === 0 && <EmptyState title="No tasks" testId="tasks-empty">{emptyText}</EmptyState>}
      {data && data.tasks.totalCount > 0 && (
        <ul className="task-list" data-testid="task-list">
          {data.tasks.tasks.map((task) => (
            <TaskRow key={`${task.id}:${task.updatedAt}`} task={task} onChanged={refresh} initiallyOpen={task.id === openTaskId} showRecord={showRecord} />
          ))}
        </ul>
      )}
    </div>
  );
}
