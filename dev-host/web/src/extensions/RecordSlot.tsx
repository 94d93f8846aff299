import { Component, type ReactNode } from 'react';
import type { RecordObjectName } from '../api/host.types';
import { extensionRegistry } from './installed-plugins';
import type { RecordExtension } from './front-extension.types';
import { shellHost } from './shell-host';

interface RecordSlotProps {
  slot: RecordExtension['slot'];
  objectName: RecordObjectName;
  recordId: string;
  className?: string;
}

/** Renders every installed plugin's contribution to one slot of a record page. */
export function RecordSlot({ slot, objectName, recordId, className }: RecordSlotProps) {
  const extensions = extensionRegistry.forRecord(slot, objectName);
  if (extensions.length === 0) return null;
  return (
    <div className={className} data-slot={slot}>
      {extensions.map(({ id, component: Extension }) => (
        <ExtensionBoundary key={id} id={id}>
          <Extension host={shellHost} objectName={objectName} recordId={recordId} />
        </ExtensionBoundary>
      ))}
    </div>
  );
}

/** A plugin that throws while rendering loses its slot, not the whole page. */
export class ExtensionBoundary extends Component<{ id: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(`Front extension ${this.props.id} failed`, error);
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
