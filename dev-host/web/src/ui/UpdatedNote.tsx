import { useEffect, useState } from 'react';

const SHOWN_FOR_MS = 10_000;

/** A quiet "Updated just now" for a few seconds after a background refresh brought something new; nothing otherwise. */
export function UpdatedNote({ changedAt, testId }: { changedAt: number | null; testId?: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (changedAt === null) return undefined;
    const left = changedAt + SHOWN_FOR_MS - Date.now();
    if (left <= 0) return undefined;
    setShown(true);
    const timer = setTimeout(() => setShown(false), left);
    return () => clearTimeout(timer);
  }, [changedAt]);
  return (
    <span className={`updated-note${shown ? ' is-shown' : ''}`} data-testid={testId} aria-live="polite">
      {shown ? 'Updated just now' : ''}
    </span>
  );
}
