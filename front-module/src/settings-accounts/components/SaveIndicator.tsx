import type { SaveState } from '../../state/saving-channel.state';

const TEXT: Record<SaveState, string> = {
  idle: 'Visibility changes apply at once, import settings from the next sync',
  saving: 'Saving…',
  saved: 'Saved',
  failed: 'Not saved, try again',
};

export function SaveIndicator({ state, testId }: { state: SaveState; testId: string }) {
  return (
    <span className={`m365-save-indicator is-${state}`} data-testid={testId} data-state={state}>
      {TEXT[state]}
    </span>
  );
}
