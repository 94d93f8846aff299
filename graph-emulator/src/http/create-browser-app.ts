import type { Express } from 'express';
import { browserPagesRouter } from '../identity/identity.router.js';
import type { EmulatorContext } from './emulator-context.js';
import { emulatorApp } from './emulator-app.js';

/**
 * The app of the plain-http loopback listener: only the pages a browser opens. Tokens, discovery, keys, Graph and the
 * admin API answer 404 here, so nothing an app calls server to server is ever reachable without TLS.
 */
export function createBrowserPagesApp(context: EmulatorContext): Express {
  return emulatorApp((app) => {
    app.use(browserPagesRouter(context));
  });
}
