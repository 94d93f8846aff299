import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Json } from './mail-client.js';

export interface ReceivedRequest {
  method: string;
  path: string;
  /** The raw query string (still percent-encoded). */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
  /** Real ms when the request ended. */
  at: number;
}

export interface ReceiverAnswer {
  status?: number;
  contentType?: string;
  body?: string;
  /** Answer this late (ms). */
  delayMs?: number;
}

/** Decides the answer; return undefined for the default one (echo validation tokens, 202 for the rest). */
export type ReceiverBehaviour = (request: ReceivedRequest, index: number) => ReceiverAnswer | undefined;

export interface WebhookReceiver {
  /** `http(s)://127.0.0.1:PORT` */
  baseUrl: string;
  requests: ReceivedRequest[];
  behaviour: ReceiverBehaviour;
  /** The POSTs to `path` that carry notifications (not validation requests), parsed. */
  posts(path: string): Json[];
  /** Every item of every notification POST to `path`. */
  items(path: string): Json[];
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A local endpoint answering Graph's validation handshake and notifications, recording every request. */
export async function startReceiver(tls?: { key: string; cert: string }): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const receiver: WebhookReceiver = {
    baseUrl: '',
    requests,
    behaviour: () => undefined,
    posts: (path) =>
      requests
        .filter((request) => request.path === path && !request.query.has('validationToken'))
        .map((request) => JSON.parse(request.body) as Json),
    items: (path) => receiver.posts(path).flatMap((post) => post.value as Json[]),
    waitFor: async (predicate, timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`receiver: condition not met within ${timeoutMs} ms (${requests.length} requests)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path, rawQuery = ''] = (req.url ?? '/').split('?', 2) as [string, string?];
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path,
        rawQuery,
        query: new URLSearchParams(rawQuery),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const index = requests.push(request) - 1;
      const answer = receiver.behaviour(request, index) ?? {};
      const token = request.query.get('validationToken');
      const status = answer.status ?? (token !== null ? 200 : 202);
      const contentType = answer.contentType ?? 'text/plain; charset=utf-8';
      const body = answer.body ?? (token !== null ? token : '');
      const send = (): void => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': contentType });
        res.end(body);
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  };
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.baseUrl = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
