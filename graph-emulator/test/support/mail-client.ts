import type { TestEmulator } from './emulator-harness.js';
import { redeemCode, signIn } from './auth-flow.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- loosely typed Graph JSON in assertions
export type Json = Record<string, any>;

/** A signed-in Graph client for mail tests: an access token (Mail.ReadWrite by default) and JSON helpers. */
export interface MailClient {
  token: string;
  graph(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; body: Json }>;
  admin(path: string, method?: string, body?: unknown): Promise<{ status: number; body: Json }>;
}

export async function accessToken(t: TestEmulator, options: { account?: string; dropScopes?: string[] } = {}): Promise<string> {
  const { body } = await redeemCode(t, await signIn(t, { account: options.account ?? 'megan.bowen@contoso.com', ...(options.dropScopes ? { dropScopes: options.dropScopes } : {}) }));
  if (!body.access_token) throw new Error(`no access token: ${JSON.stringify(body)}`);
  return body.access_token as string;
}

export function mailClient(t: TestEmulator, token: string): MailClient {
  return {
    token,
    async graph(path, init = {}) {
      const url = path.startsWith('https://') ? path : `${t.emulator.graphBaseUrl}${path}`;
      const response = await t.request(url, {
        method: init.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers as unknown as Headers, body: text ? (JSON.parse(text) as Json) : {} };
    },
    async admin(path, method = 'GET', body) {
      const response = await t.request(`/_admin${path}`, {
        method,
        ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
    },
  };
}

/** Follows nextLinks to the deltaLink; returns every item and the deltaLink. */
export async function deltaRound(client: MailClient, firstUrl: string, headers: Record<string, string> = {}) {
  const items: Json[] = [];
  const pages: Json[] = [];
  let url: string | undefined = firstUrl;
  let deltaLink: string | undefined;
  while (url) {
    const { status, body } = await client.graph(url, { headers });
    if (status !== 200) throw new Error(`delta answered ${status}: ${JSON.stringify(body)}`);
    pages.push(body);
    items.push(...(body.value as Json[]));
    url = body['@odata.nextLink'];
    deltaLink = body['@odata.deltaLink'];
  }
  return { items, pages, deltaLink: deltaLink! };
}
