import type { Response } from 'express';
import { aadDescription, type AadError, type RequestIds } from '../errors/error-factory.js';
import { escapeHtml, htmlPage } from '../http/html.js';

export interface RedirectTarget {
  redirectUri: string;
  responseMode: 'query' | 'fragment' | 'form_post';
  state?: string;
}

/** Sends the authorization response to the client's redirect URI in the requested response mode. */
export function sendAuthorizationResponse(res: Response, target: RedirectTarget, params: Record<string, string>): void {
  const all = { ...params, ...(target.state !== undefined ? { state: target.state } : {}) };
  if (target.responseMode === 'form_post') {
    const inputs = Object.entries(all)
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('');
    const body =
      `<form id="response-form" method="post" action="${escapeHtml(target.redirectUri)}">${inputs}` +
      '<noscript><button type="submit">Continue</button></noscript></form>' +
      "<script>document.getElementById('response-form').submit()</script>";
    res.type('html').send(htmlPage('Working…', body));
    return;
  }
  const url = new URL(target.redirectUri);
  if (target.responseMode === 'fragment') {
    url.hash = new URLSearchParams(all).toString();
  } else {
    for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
  }
  res.redirect(302, url.toString());
}

/** The error to the redirect URI; `extra` parameters first (the admin consent flow's `admin_consent=True`). */
export function sendAuthorizationError(res: Response, target: RedirectTarget, error: AadError, ids: RequestIds, extra: Record<string, string> = {}): void {
  sendAuthorizationResponse(res, target, {
    ...extra,
    error: error.error,
    error_description: aadDescription(error.code, error.description, ids),
    ...(error.suberror ? { error_subcode: error.suberror } : {}),
  });
}
