import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** The built shell (`dev-host/web/dist`), next to this package's dist/ and src/. */
export const DEFAULT_FRONT_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

const SERVER_PREFIXES = ['/graphql', '/auth/', '/webhooks/', '/_', '/book/'];

/**
 * Serves the front's static files and answers every other browser GET (`/settings/accounts`, `/people/…`) with the
 * single-page app's index.html. Server routes keep their own answers. Returns false when no build is present.
 */
export function serveFront(app: NestExpressApplication, frontDir = DEFAULT_FRONT_DIR): boolean {
  const index = join(frontDir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(frontDir, { index: false, maxAge: '1h', immutable: false });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage = request.method === 'GET' && request.accepts(['html', 'json']) === 'html';
    if (!isPage || SERVER_PREFIXES.some((prefix) => request.path === prefix.replace(/\/$/, '') || request.path.startsWith(prefix))) return next();
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(index);
  });
  return true;
}
