import { ExtensionBoundary } from './RecordSlot';
import { extensionRegistry } from './installed-plugins';
import { shellHost } from './shell-host';

/** Renders every installed plugin's actions for the open thread (its messages oldest first). */
export function ThreadSlot({ messageThreadId, messageIds }: { messageThreadId: string; messageIds: string[] }) {
  const extensions = extensionRegistry.threadActions;
  if (extensions.length === 0) return null;
  return (
    <div className="thread-actions" data-slot="thread-action">
      {extensions.map(({ id, component: Extension }) => (
        <ExtensionBoundary key={id} id={id}>
          <Extension host={shellHost} messageThreadId={messageThreadId} messageIds={messageIds} />
        </ExtensionBoundary>
      ))}
    </div>
  );
}
