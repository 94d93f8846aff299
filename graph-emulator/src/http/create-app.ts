import type { Express } from 'express';
import { adminRouter } from '../admin/admin.router.js';
import { graphAuthMiddleware } from '../graph/graph-auth.js';
import { graphErrorHandler } from '../graph/graph-errors.js';
import { graphRouter } from '../graph/graph.router.js';
import { uploadSessionRouter } from '../graph/mail/compose/upload-session.router.js';
import { oneDriveRouter, sharePointRouter } from '../graph/files/file-transfer.router.js';
import { userInfoHandler } from '../graph/userinfo.handler.js';
import { identityRouter } from '../identity/identity.router.js';
import type { EmulatorContext } from './emulator-context.js';
import { emulatorApp } from './emulator-app.js';

export function createEmulatorApp(context: EmulatorContext): Express {
  return emulatorApp((app) => {
    app.use('/_admin', adminRouter(context.store, context.notifications));
    app.use('/v1.0', graphRouter(context));
    app.use('/api/v2.0', uploadSessionRouter(context));
    app.use('/onedrive', oneDriveRouter(context));
    app.use('/sharepoint', sharePointRouter(context));
    app.get('/oidc/userinfo', graphAuthMiddleware(context), userInfoHandler(), graphErrorHandler);
    app.post('/oidc/userinfo', graphAuthMiddleware(context), userInfoHandler(), graphErrorHandler);
    app.use(identityRouter(context));
  });
}
