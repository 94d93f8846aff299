import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { AccessTokenSource } from './graph-client.factory.js';

/**
 * Puts the account's access token on a request just before it is sent, after it has waited for its mailbox slot and
 * on every retry, so a token that expired while the request queued is never the one sent. Only Graph's own host gets
 * it: a redirect elsewhere leaves without the header.
 */
export class BearerTokenHandler implements Middleware {
  private next?: Middleware;

  constructor(
    private readonly accessToken: AccessTokenSource,
    private readonly graphHost: string,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    const url = new URL(typeof context.request === 'string' ? context.request : context.request.url);
    const value = url.hostname === this.graphHost ? `Bearer ${await this.accessToken()}` : undefined;
    context.options = { ...context.options, headers: withAuthorization(context.options?.headers, value) };
    await this.next!.execute(context);
  }
}

function withAuthorization(headers: ConstructorParameters<typeof Headers>[0], value: string | undefined): Record<string, string> {
  const copy: Record<string, string> = {};
  new Headers(headers).forEach((headerValue, name) => {
    if (name !== 'authorization') copy[name] = headerValue;
  });
  if (value) copy.authorization = value;
  return copy;
}
