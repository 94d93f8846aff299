import { useEffect, useState } from 'react';
import { graphql } from './graphql-client';

export interface QueryState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

/** Runs a host query whenever the query or its variables change; a stale answer never overwrites a newer one. */
export function useQuery<T>(query: string, variables: Record<string, unknown>): QueryState<T> {
  const key = JSON.stringify(variables);
  const [state, setState] = useState<QueryState<T>>({ data: null, error: null, loading: true });

  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    graphql<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => current && setState({ data, error: null, loading: false }),
      (error: Error) => current && setState({ data: null, error: error.message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [query, key]);

  return state;
}
