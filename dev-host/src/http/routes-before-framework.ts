import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** A route that answers on the bare HTTP server when it recognises the request, and returns false otherwise. */
export type RawRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Gives raw routes the first look at every request, before Express and its middleware: the plugin's Graph webhook
 * is posted thousands of times a second and needs none of the router, cookie or body parsers. Other listeners on
 * the server (Apollo's drain tracking) are left as they are. Call after `app.init()`.
 */
export function mountRoutesBeforeFramework(app: NestExpressApplication, routes: RawRoute[]): void {
  const server = app.getHttpServer() as Server;
  const express = app.getHttpAdapter().getInstance() as (request: IncomingMessage, response: ServerResponse) => void;
  if (!server.listeners('request').includes(express)) throw new Error('Express is not listening on the HTTP server');
  server.off('request', express);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    for (const route of routes) if (route(request, response)) return;
    express(request, response);
  });
}
