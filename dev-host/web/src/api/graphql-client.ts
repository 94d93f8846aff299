export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }

  get isUnauthenticated(): boolean {
    return this.code === 'UNAUTHENTICATED';
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server says the session is gone, so the shell can show the login page. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** POSTs to the host's `/graphql` with the session cookie; GraphQL errors become a thrown GraphqlRequestError. */
export async function graphql<T>(query: string, variables?: Record<string, unknown>, options: { signal?: AbortSignal } = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    signal: options.signal,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> } | null;
  const error = body?.errors?.[0];
  if (error || !body?.data) {
    const failure = new GraphqlRequestError(error?.message ?? `The server answered ${response.status}`, error?.extensions?.code);
    if (failure.isUnauthenticated) unauthenticatedListeners.forEach((listener) => listener());
    throw failure;
  }
  return body.data;
}
