/** Query and form fields that carry credentials in OAuth and Graph traffic. */
const SECRET_FIELDS = [
  'code',
  'state',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'code_verifier',
  'client_assertion',
  'clientState',
  'validationToken',
  'transientToken',
];
const SECRET_FIELD = new RegExp(`([?&;\\s"']|^)(${SECRET_FIELDS.join('|')})(["']?\\s*[=:]\\s*["']?)[^&\\s"',;]+`, 'gi');
const JWT = /\beyJ[\w-]{6,}\.[\w-]{6,}\.[\w-]*/g;
const BEARER = /\b(Bearer)\s+[\w.~+/=-]+/gi;

/**
 * The last guard before a line is written: masks JWTs, bearer credentials and credential-named fields
 * (`code=…`, `"refresh_token":"…"`) in text that quotes something from outside (an error message, a path).
 */
export function redactSecrets(text: string): string {
  return text.replace(JWT, '[redacted-jwt]').replace(BEARER, '$1 [redacted]').replace(SECRET_FIELD, '$1$2$3[redacted]');
}
