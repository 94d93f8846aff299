import { useEffect } from 'react';
import type { EditScope } from './section.types';

interface SeriesMovePromptProps {
  title: string;
  /** "move" for a drag, "resize" for a stretched end. */
  action: 'move' | 'resize';
  onChoose(scope: EditScope): void;
  onCancel(): void;
}

/** Asked when an occurrence of a series is dragged: this event only (the default, focused) or the whole series. */
export function SeriesMovePrompt({ title, action, onChoose, onCancel }: SeriesMovePromptProps) {
  useEffect(() => {
    const onKey = (keyEvent: KeyboardEvent) => keyEvent.key === 'Escape' && onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  const verb = action === 'move' ? 'Move' : 'Change the end of';
  return (
    <div className="calendar-prompt-backdrop">
      <div className="calendar-prompt" role="dialog" aria-modal="true" aria-labelledby="series-move-title" data-testid="series-move-prompt">
        <h2 id="series-move-title">{verb} a recurring event</h2>
        <p className="muted">“{title}” is part of a series. {verb} only this event, or every event of the series?</p>
        <div className="calendar-panel-actions">
          <button type="button" className="button button-primary" autoFocus onClick={() => onChoose('THIS_EVENT')} data-testid="series-move-this">
            This event
          </button>
          <button type="button" className="button button-secondary" onClick={() => onChoose('ALL_EVENTS')} data-testid="series-move-all">
            All events
          </button>
          <button type="button" className="button button-secondary calendar-delete" onClick={onCancel} data-testid="series-move-cancel">
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
