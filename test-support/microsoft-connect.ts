import type { TestHttpClient, TestResponse } from './http-client.js';
import { passConsent, type ConsentChoice } from './microsoft-consent.js';

export interface StartedConnect {
  /** The emulator's authorize URL the host redirected to. */
  authorizeUrl: string;
  /** The host's callback path and query that the emulator sends the browser to. */
  callbackPath: string;
}

/** Asks the plugin for a connect link as the front does, follows it, and walks the emulator's consent page. */
export async function startConnect(client: TestHttpClient, caCertPem: string, choice: ConsentChoice): Promise<StartedConnect> {
  const link = await client.graphql<{ createMicrosoftConnectLink: { url: string } }>(`mutation { createMicrosoftConnectLink { url } }`);
  if (link.errors?.length || !link.data) throw new Error(`createMicrosoftConnectLink failed: ${JSON.stringify(link.errors)}`);
  const url = new URL(link.data.createMicrosoftConnectLink.url);
  const start = await client.get(`${url.pathname}${url.search}`);
  if (start.status !== 302) throw new Error(`Connect start answered ${start.status}: ${start.text}`);
  const authorizeUrl = start.headers.get('location')!;
  const callback = new URL(await passConsent(authorizeUrl, caCertPem, choice));
  return { authorizeUrl, callbackPath: `${callback.pathname}${callback.search}` };
}

/** The whole "Connect Microsoft" round trip; returns the callback's response (a redirect to Settings → Accounts). */
export async function connectMicrosoftAccount(client: TestHttpClient, caCertPem: string, choice: ConsentChoice): Promise<TestResponse> {
  const { callbackPath } = await startConnect(client, caCertPem, choice);
  return client.get(callbackPath);
}
