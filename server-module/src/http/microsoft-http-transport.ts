import { createSecureContext, rootCertificates } from 'node:tls';
import { Agent, fetch } from 'undici';
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
