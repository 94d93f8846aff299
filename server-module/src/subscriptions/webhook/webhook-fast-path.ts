import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { MAX_WEBHOOK_BODY_BYTES, WEBHOOK_PATHS, WebhookBodyError, WebhookRequestHandler, type WebhookAnswer, type WebhookRoute } from './webhook-request.handler.js';
import { PluginLogger } from '../../logging/plugin-logger.js';
import { setPluginSecurityHeaders } from '../../http/plugin-security-headers.js';

const ROUTES = new Map<string, WebhookRoute>(Object.entries(WEBHOOK_PATHS).map(([route, path]) => [path, route as WebhookRoute]));

/**
 * The webhook endpoints on Node's bare HTTP server, for a host to call before its framework sees the request: Graph
 * may post thousands of notifications a second, and a framework's middleware chain (router, cookie and body parsers)
 * costs several times the work of recording one. Same paths, same checks and answers as MicrosoftWebhookController.
 */
@Injectable()
export class WebhookFastPath {
  private readonly logger = new PluginLogger(WebhookFastPath.name);

  constructor(@Inject(WebhookRequestHandler) private readonly handler: WebhookRequestHandler) {}

  /** Answers the request and returns true when it is a webhook call; false leaves it to the host. */
  tryHandle(request: IncomingMessage, response: ServerResponse): boolean {
    if (request.method !== 'POST' || !request.url) return false;
    const queryAt = request.url.indexOf('?');
    const route = ROUTES.get(queryAt === -1 ? request.url : request.url.slice(0, queryAt));
    if (!route) return false;
    const query = new URLSearchParams(queryAt === -1 ? '' : request.url.slice(queryAt + 1));
    const tokens = query.getAll('validationToken');
    this.handler
      .handle(route, {
        validationToken: tokens.length === 0 ? undefined : tokens.length === 1 ? tokens[0] : tokens,
        contentType: request.headers['content-type'],
        contentLength: Number(request.headers['content-length'] ?? 0),
        body: () => readJsonBody(request),
      })
      .then((answer) => send(request, response, answer))
      .catch((error: Error) => {
        this.logger.error(`Webhook ${route} failed: ${error.message}`, error.stack);
        send(request, response, { status: 500, text: 'The notification could not be recorded; please retry.' });
      });
    return true;
  }
}

function send(request: IncomingMessage, response: ServerResponse, answer: WebhookAnswer): void {
  if (!request.complete) {
    // Answered before the body was read (413, 415…): drop the rest rather than keep the connection for it.
    response.setHeader('Connection', 'close');
    request.resume();
  }
  response.statusCode = answer.status;
  setPluginSecurityHeaders(response);
  if (answer.text === undefined) {
    response.end();
    return;
  }
  response.setHeader('Content-Type', 'text/plain; charset=utf-8');
  response.end(answer.text);
}

function readJsonBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_WEBHOOK_BODY_BYTES) {
        request.off('data', onData);
        reject(new WebhookBodyError(413, 'Notification body too large.'));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('error', reject);
    request.once('end', () => {
      if (size > MAX_WEBHOOK_BODY_BYTES) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks, size).toString('utf8')));
      } catch {
        reject(new WebhookBodyError(400, 'Notification body is not valid JSON.'));
      }
    });
  });
}
