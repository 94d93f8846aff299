import { Agent, fetch, type Response } from 'undici';

// Tests walk response JSON freely; each assertion checks the shape it needs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface TestResponse {
  status: number;
  headers: Headers;
  /** Raw Set-Cookie header lines. */
  setCookies: string[];
  text: string;
  json<T = Json>(): T;
}

export interface GraphqlResult<T = Json> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } & Record<string, unknown> }>;
}

/**
 * A small HTTP client with a cookie jar per host:port. Redirects are never followed.
 * The emulator's CA is trusted through the agent; certificate checks stay on.
 */
export class TestHttpClient {
  private readonly jar = new Map<string, Map<string, string>>();
  private readonly agent: Agent;

  constructor(
    readonly baseUrl: string,
    caPem?: string,
  ) {
    this.agent = new Agent({ connect: caPem ? { ca: caPem } : {} });
  }

  async request(method: string, pathOrUrl: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<TestResponse> {
    const url = new URL(pathOrUrl, this.baseUrl);
    const headers: Record<string, string> = { ...init.headers };
    const cookies = this.jar.get(url.host);
    if (cookies?.size) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual', dispatcher: this.agent });
    return this.read(url, response);
  }

  get(path: string, headers?: Record<string, string>): Promise<TestResponse> {
    return this.request('GET', path, { headers });
  }

  post(path: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse> {
    return this.request('POST', path, { body, headers });
  }

  async graphql<T = Json>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResult<T>> {
    const response = await this.post('/graphql', { query, variables });
    return response.json<GraphqlResult<T>>();
  }

  /** Signs in through the GraphQL mutation; the session cookie lands in the jar. Throws on failure. */
  async signIn(email: string, password: string): Promise<{ id: string; workspaceId: string; userEmail: string }> {
    const result = await this.graphql(`mutation ($email: String!, $password: String!) { signIn(email: $email, password: $password) { id workspaceId userEmail } }`, {
      email,
      password,
    });
    if (result.errors?.length) throw new Error(`signIn failed: ${result.errors[0].message}`);
    return result.data.signIn;
  }

  cookie(name: string, host = new URL(this.baseUrl).host): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  clearCookies(): void {
    this.jar.clear();
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async read(url: URL, response: Response): Promise<TestResponse> {
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) this.store(url.host, line);
    const text = await response.text();
    return { status: response.status, headers: response.headers as unknown as Headers, setCookies, text, json: () => JSON.parse(text) };
  }

  private store(host: string, line: string): void {
    const [pair, ...attributes] = line.split(';');
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    const expired = attributes.some((attribute) => {
      const [key, attributeValue = ''] = attribute.trim().split('=');
      if (key.toLowerCase() === 'max-age') return Number(attributeValue) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(attributeValue) <= Date.now();
      return false;
    });
    if (expired || value === '') cookies.delete(name);
    else cookies.set(name, value);
    this.jar.set(host, cookies);
  }
}
