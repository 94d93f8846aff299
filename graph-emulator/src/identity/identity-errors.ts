import type { NextFunction, Request, Response } from 'express';
import { AadError, aadDescription, aadErrorBody } from '../errors/error-factory.js';
import { escapeHtml, htmlPage } from '../http/html.js';
import { requestOrigin, type EmulatorContext } from '../http/emulator-context.js';
import { requestIds } from '../http/request-ids.js';

const JSON_ENDPOINTS = /(\/token|\/keys|\/openid-configuration|\/devicecode)$/;

/** Renders AAD errors: JSON for the token and metadata endpoints, an error page for browser endpoints. */
export function identityErrorHandler(context: EmulatorContext) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!(error instanceof AadError)) {
      next(error);
      return;
    }
    const ids = requestIds(res);
    if (JSON_ENDPOINTS.test(req.path)) {
      res.status(error.status).json(aadErrorBody(error, ids, requestOrigin(context, req)));
      return;
    }
    const body =
      `<div class="error" id="error" data-error-code="AADSTS${error.code}"><p><strong>Sorry, but we're having trouble signing you in.</strong></p>` +
      `<p id="error-description">${escapeHtml(aadDescription(error.code, error.description, ids))}</p></div>`;
    res.status(error.status).type('html').send(htmlPage('Sign in error', body));
  };
}
