import type { Request, Response } from 'express';
import { field } from '../http/form-fields.js';
import { escapeHtml, htmlPage } from '../http/html.js';
import { ERROR_CODE_EXPLANATIONS } from './error-codes.js';

const MICROSOFT_REFERENCE = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';

/** `GET /error?code=NNNNN`: the page an error body's `error_uri` points at, explaining the code. */
export function errorPageHandler() {
  return (req: Request, res: Response): void => {
    const raw = field(req.query as Record<string, unknown>, 'code') ?? '';
    const code = /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
    if (code === undefined) {
      res.status(400).type('html').send(htmlPage('Error code lookup', '<p id="error-lookup">Give an AADSTS code as <code>?code=NNNNN</code>.</p>'));
      return;
    }
    const explanation = ERROR_CODE_EXPLANATIONS[code];
    const body = explanation
      ? `<div id="error-code" data-error-code="AADSTS${code}"><h2>${escapeHtml(explanation.title)}</h2>` +
        `<p><strong>Why:</strong> ${escapeHtml(explanation.cause)}</p><p><strong>What to do:</strong> ${escapeHtml(explanation.remedy)}</p></div>`
      : `<p id="error-code" data-error-code="AADSTS${code}">The emulator never answers AADSTS${code}.</p>`;
    const reference = `<p class="note">Microsoft lists its codes at <a href="${MICROSOFT_REFERENCE}">${MICROSOFT_REFERENCE}</a>.</p>`;
    res.status(explanation ? 200 : 404).type('html').send(htmlPage(`AADSTS${code}`, body + reference));
  };
}
