import { MicrosoftAccountNeedsReconnectException } from '../tokens/microsoft-token.exception.js';
import { MicrosoftGraphErrorKind as Kind, MicrosoftGraphException } from './microsoft-graph.exception.js';

// Mailbox states Graph reports for accounts it cannot serve: https://learn.microsoft.com/graph/api/resources/mail-api-overview
const MAILBOX_UNAVAILABLE_CODES = new Set(['MailboxNotEnabledForRESTAPI', 'MailboxNotSupportedForRESTAPI', 'ErrorAccountDisabled', 'ErrorMailboxMoveInProgress', 'ErrorNonExistentMailbox', 'ResourceNotFound:MailboxNotEnabledForRESTAPI']);
const SYNC_STATE_CODES = new Set(['syncstatenotfound', 'resyncrequired', 'syncstateinvalid']);

interface GraphLikeError {
  statusCode?: number;
  status?: number;
  code?: string;
  message?: string;
  headers?: { get?: (name: string) => string | null } | Record<string, string>;
  body?: unknown;
}

/** Reads Retry-After (seconds, or an HTTP date) into milliseconds. */
export function retryAfterMs(value: string | null | undefined): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

function header(error: GraphLikeError, name: string): string | null {
  const headers = error.headers;
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === 'function') return (headers as { get: (n: string) => string | null }).get(name);
  const record = headers as Record<string, string>;
  return record[name] ?? record[name.toLowerCase()] ?? null;
}

function codeFromBody(body: unknown): string | null {
  try {
    const parsed = typeof body === 'string' ? JSON.parse(body) : body;
    return (parsed as { error?: { code?: string } })?.error?.code ?? null;
  } catch {
    return null;
  }
}

const NETWORK_CODES = /^(ECONN|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|UND_ERR|ERR_TLS|CERT_|DEPTH_ZERO|UNABLE_TO)/;

/** fetch/undici failures reach us as TypeError('fetch failed') with a coded cause, or as coded errors. */
function isNetworkError(error: unknown): boolean {
  const candidate = error as { name?: string; code?: unknown; cause?: { code?: unknown }; message?: string } | null;
  const code = candidate?.code ?? candidate?.cause?.code;
  if (typeof code === 'string' && NETWORK_CODES.test(code)) return true;
  return candidate?.name === 'TypeError' && /fetch failed|network/i.test(candidate.message ?? '');
}

/** Turns whatever the Graph SDK, the transport or the token service threw into a MicrosoftGraphException. */
export function classifyGraphError(error: unknown): MicrosoftGraphException {
  if (error instanceof MicrosoftGraphException) return error;
  if (error instanceof MicrosoftAccountNeedsReconnectException || (error as GraphLikeError | null)?.code === MicrosoftAccountNeedsReconnectException.NAME) {
    return new MicrosoftGraphException(Kind.UNAUTHENTICATED, (error as Error).message, 401, 'NeedsReconnect');
  }
  const graphError = (error ?? {}) as GraphLikeError;
  const status = graphError.statusCode ?? graphError.status ?? null;
  const code = graphError.code && graphError.code !== 'Error' ? graphError.code : codeFromBody(graphError.body);
  const message = `${code ?? 'Error'}: ${graphError.message ?? String(error)}`;
  const wait = retryAfterMs(header(graphError, 'Retry-After'));

  if (status === 429) return new MicrosoftGraphException(Kind.THROTTLED, message, status, code, wait);
  if (status === 410 || (code && SYNC_STATE_CODES.has(code.toLowerCase()))) return new MicrosoftGraphException(Kind.SYNC_STATE_GONE, message, status, code);
  if (code && MAILBOX_UNAVAILABLE_CODES.has(code)) return new MicrosoftGraphException(Kind.MAILBOX_UNAVAILABLE, message, status, code);
  if (status === 401) return new MicrosoftGraphException(Kind.UNAUTHENTICATED, message, status, code);
  if (status === 403) return new MicrosoftGraphException(Kind.INSUFFICIENT_PERMISSIONS, message, status, code);
  if (status === 404) return new MicrosoftGraphException(Kind.NOT_FOUND, message, status, code);
  if (status !== null && (status >= 500 || status === 408)) return new MicrosoftGraphException(Kind.TEMPORARY, message, status, code, wait);
  if (status === null || status === -1) {
    if (isNetworkError(error)) return new MicrosoftGraphException(Kind.TEMPORARY, `Network: ${graphError.message ?? String(error)}`, null, null);
    return new MicrosoftGraphException(Kind.INTERNAL, `Internal error: ${graphError.message ?? String(error)}`, null, null);
  }
  return new MicrosoftGraphException(Kind.UNKNOWN, message, status, code);
}
