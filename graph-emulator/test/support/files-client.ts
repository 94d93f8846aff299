import type { TestEmulator } from './emulator-harness.js';
import { calendarClient } from './calendar-client.js';
import type { Json, MailClient } from './mail-client.js';
import { scopeOf } from './pim-client.js';

export const FILES_SCOPE = scopeOf('Files.ReadWrite');
export const PERSONAL = 'demo.user@outlook.com';
export const ALEX = 'alex.wilber@contoso.com';

export interface FilesClient extends MailClient {
  /** A request with raw bytes (an upload), with the token unless `anonymous`. */
  bytes(pathOrUrl: string, init: { method: string; body?: Buffer; headers?: Record<string, string>; anonymous?: boolean }): Promise<{ status: number; headers: Headers; body: Json }>;
}

/** A signed-in Graph client for OneDrive tests (Files.ReadWrite unless `scope` says otherwise). */
export async function filesClient(t: TestEmulator, account = 'megan.bowen@contoso.com', scope = FILES_SCOPE): Promise<FilesClient> {
  const client = await calendarClient(t, account, scope);
  return {
    ...client,
    async bytes(pathOrUrl, init) {
      const url = pathOrUrl.startsWith('https://') ? pathOrUrl : `${t.emulator.graphBaseUrl}${pathOrUrl}`;
      const response = await t.request(url, {
        method: init.method,
        headers: { ...(init.anonymous ? {} : { authorization: `Bearer ${client.token}` }), ...init.headers },
        ...(init.body !== undefined ? { body: init.body } : {}),
      });
      const text = await response.text();
      let body: Json = {};
      try {
        body = text ? (JSON.parse(text) as Json) : {};
      } catch {
        body = { text };
      }
      return { status: response.status, headers: response.headers as unknown as Headers, body };
    },
  };
}

/** Uploads `text` as a new file by path (PUT …/root:/{path}:/content). */
export async function putText(c: FilesClient, path: string, text: string, query = ''): Promise<{ status: number; body: Json }> {
  return c.bytes(`/me/drive/root:${path}:/content${query}`, { method: 'PUT', body: Buffer.from(text), headers: { 'content-type': 'text/plain' } });
}
