import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, fetch, request } from 'undici';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * One HTTP agent for every call to Microsoft. It trusts the system's authorities and, when configured,
 * one extra CA (the local emulator's) — never "any certificate".
 */
export class MicrosoftHttpTransport {
  readonly dispatcher: Agent;

  constructor(extraCaPem?: string) {
    this.dispatcher = new Agent({
      // Built once: given as `ca`, the ~150 system roots would be parsed again for every new connection.
      connect: extraCaPem ? { secureContext: createSecureContext({ ca: [...rootCertificates, extraCaPem] }) } : {},
      keepAliveTimeout: 10_000,
      connections: 32,
    });
  }

  fetch(input: string | URL, init: Parameters<typeof fetch>[1] = {}): ReturnType<typeof fetch> {
    return fetch(input, { ...init, dispatcher: this.dispatcher });
  }

  /**
   * A PUT of bytes already in memory (an upload session's chunk), written to the socket as they are. fetch() would
   * first copy the body (the Fetch standard's "copy of the bytes held by a buffer source"): a fresh chunk-sized
   * ArrayBuffer per chunk that lingers until V8 collects, so a 100 MB upload's resident memory climbed by tens of MB.
   * The caller may reuse `body` once this resolves: the answer comes after the server has read all of it.
   */
  async putBytes(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    const answer = await request(url, { method: 'PUT', headers, body, dispatcher: this.dispatcher });
    const text = await answer.body.text();
    const flat: Record<string, string> = {};
    for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    return { status: answer.statusCode, headers: flat, text };
  }

  /** MSAL's network module, so token calls use the same trust as Graph calls. */
  msalNetworkModule(): INetworkModule {
    const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> => {
      const response = await this.fetch(url, {
        method,
        headers: options?.headers,
        body: method === 'POST' ? options?.body : undefined,
        signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const text = await response.text();
      return { headers, status: response.status, body: parseJsonBody(text) as T };
    };
    return {
      sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
      sendPostRequestAsync: (url, options) => send('POST', url, options),
    };
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }
}

/** Identity endpoints answer JSON; anything else (a proxy's HTML page) becomes an error MSAL can report. */
function parseJsonBody(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { error: 'invalid_response', error_description: `Non-JSON response: ${text.slice(0, 200)}` };
  }
}
