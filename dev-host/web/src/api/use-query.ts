import { useEffect, useRef, useState } from 'react';
import { graphql } from './graphql-client';

export interface QueryState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** When a background refresh last brought something new (ms since epoch); null until one does. */
  changedAt: number | null;
}

export interface QueryOptions {
  /**
   * Re-runs the query every this many milliseconds while the page is visible (and once right away when it becomes
   * visible again). A refresh never blanks what is shown: an unchanged answer changes nothing, a failed one is ignored.
   */
  refreshIntervalMs?: number;
}

const isVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

/** Runs a host query whenever the query or its variables change; a stale answer never overwrites a newer one. */
export function useQuery<T>(query: string, variables: Record<string, unknown>, options: QueryOptions = {}): QueryState<T> {
  const key = JSON.stringify(variables);
  const refreshIntervalMs = options.refreshIntervalMs ?? 0;
  const [state, setState] = useState<QueryState<T>>({ data: null, error: null, loading: true, changedAt: null });
  // The last answer as JSON, so that a refresh with the same answer leaves the rendered tree alone.
  const lastAnswer = useRef<string | null>(null);

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    graphql<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => {
        if (!current) return;
        lastAnswer.current = JSON.stringify(data);
        setState({ data, error: null, loading: false, changedAt: null });
      },
      (error: Error) => {
        if (!current) return;
        lastAnswer.current = null;
        setState({ data: null, error: error.message, loading: false, changedAt: null });
      },
    );
    return () => {
      current = false;
    };
  }, [query, key]);

  useEffect(() => {
    if (refreshIntervalMs <= 0) return undefined;
    let current = true;
    let inFlight = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const refresh = async () => {
      if (inFlight || !current) return;
      inFlight = true;
      try {
        const data = await graphql<T>(query, JSON.parse(key) as Record<string, unknown>);
        if (!current) return;
        const answer = JSON.stringify(data);
        if (answer === lastAnswer.current) return;
        const hadAnswer = lastAnswer.current !== null;
        lastAnswer.current = answer;
        setState({ data, error: null, loading: false, changedAt: hadAnswer ? Date.now() : null });
      } catch {
        // A background refresh that fails keeps what is shown; the next one tries again.
      } finally {
        inFlight = false;
      }
    };
    // One refresh at a time: the next is scheduled once the previous one answered; hidden pages skip their turn.
    const schedule = () => {
      timer = setTimeout(() => {
        void (isVisible() ? refresh() : Promise.resolve()).finally(() => current && schedule());
      }, refreshIntervalMs);
    };
    const onVisibilityChange = () => {
      if (isVisible()) void refresh();
    };
    schedule();
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      current = false;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [query, key, refreshIntervalMs]);

  return state;
}
