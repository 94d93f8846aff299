import { useEffect, useState } from 'react';

/** Re-renders every `intervalMs`, so that relative times ("last synced 2 minutes ago") stay true while the page is open. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
