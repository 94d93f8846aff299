import { TaskList } from './TaskList';

/** Every task of the workspace (Twenty's Tasks object page); `/object/task/:id` opens that task in it. */
export function TasksListPage({ openTaskId }: { openTaskId: string | null }) {
  return (
    <div className="page" data-testid="tasks-page">
      <header className="page-header">
        <div className="breadcrumb">
          <span>Tasks</span>
        </div>
      </header>
      <div className="page-padded">
        <TaskList openTaskId={openTaskId} showRecord emptyText="Tasks you add here or on a person or company appear here." />
      </div>
    </div>
  );
}
