import { HttpException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { OAuthStateException } from '../auth/oauth-state.exception.js';

/** GraphQL codes that answer a caller's mistake (Apollo's and the ones this plugin and its hosts use). */
const USER_ERROR_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED']);

export interface UserErrorSummary {
  /** `NOT_FOUND`, `HTTP 403`, `OAUTH_STATE_EXPIRED`… */
  code: string;
  message: string;
  /** `debug` for the question every page asks before sign-in ("who am I?"), `warn` for the rest. */
  level: 'warn' | 'debug';
}

/**
 * A caller's mistake (bad input, not found, not allowed, a tampered or expired sign-in state): answered as it is,
 * worth one warn line, never a stack. Anything else is a bug or an outage and returns null.
 */
export function describeUserError(exception: unknown): UserErrorSummary | null {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return status >= 400 && status < 500 ? { code: `HTTP ${status}`, message: exception.message, level: 'warn' } : null;
  }
  if (isHttpErrorsRefusal(exception)) {
    // body-parser's messages quote the body they could not parse: its error type says enough.
    return { code: `HTTP ${exception.statusCode}`, message: exception.type ?? 'request refused', level: 'warn' };
  }
  if (exception instanceof OAuthStateException) return { code: `OAUTH_STATE_${exception.code}`, message: exception.message, level: 'warn' };
  if (exception instanceof GraphQLError) {
    const code = exception.extensions?.code;
    // A plugin capability's own codes (compose's INVALID_ADDRESS, DRAFT_CONFLICT…) are marked as answers, not bugs.
    if (typeof code !== 'string' || (!USER_ERROR_CODES.has(code) && exception.extensions?.userError !== true)) return null;
    return { code, message: exception.message, level: code === 'UNAUTHENTICATED' ? 'debug' : 'warn' };
  }
  return null;
}

/** An error from the "http-errors" family (body-parser, raw-body) for a request the client got wrong. */
function isHttpErrorsRefusal(exception: unknown): exception is Error & { statusCode: number; type?: string } {
  const candidate = exception as { statusCode?: unknown; expose?: unknown } | null;
  return exception instanceof Error && typeof candidate!.statusCode === 'number' && candidate!.statusCode >= 400 && candidate!.statusCode < 500 && candidate!.expose === true;
}
