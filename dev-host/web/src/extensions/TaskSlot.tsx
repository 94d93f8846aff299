import { ExtensionBoundary } from './RecordSlot';
import { extensionRegistry } from './installed-plugins';
import { shellHost } from './shell-host';

/** Renders every installed plugin's actions on one task. */
export function TaskSlot({ taskId }: { taskId: string }) {
  const extensions = extensionRegistry.taskActions;
  if (extensions.length === 0) return null;
  return (
    <div className="task-actions" data-slot="task-action">
      {extensions.map(({ id, component: Extension }) => (
        <ExtensionBoundary key={id} id={id}>
          <Extension host={shellHost} taskId={taskId} />
        </ExtensionBoundary>
      ))}
    </div>
  );
}
