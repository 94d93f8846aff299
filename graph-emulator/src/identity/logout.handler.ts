import type { Request, Response } from 'express';
import { escapeHtml, htmlPage } from '../http/html.js';

/** `GET /{tenant}/oauth2/v2.0/logout`: the emulator keeps no browser session, so this only redirects back. */
export function logoutHandler() {
  return (req: Request, res: Response): void => {
    const target = req.query.post_logout_redirect_uri;
    if (typeof target === 'string' && /^https?:\/\//.test(target)) {
      const url = new URL(target);
      if (typeof req.query.state === 'string') url.searchParams.set('state', req.query.state);
      res.redirect(302, url.toString());
      return;
    }
    res.type('html').send(htmlPage('Signed out', `<p>${escapeHtml('You have been signed out.')}</p>`));
  };
}
