/** Error bodies shaped like the identity platform's and Microsoft Graph's. */

export interface RequestIds {
  requestId: string;
  clientRequestId: string;
}

export interface AadErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
}

export interface GraphErrorBody {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string } & Record<string, string>;
  };
}

/** An identity-platform error, thrown by handlers and rendered by the identity error middleware. */
export class AadError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number,
    readonly description: string,
    readonly suberror?: string,
  ) {
    super(`AADSTS${code}: ${description}`);
  }
}

/** A Graph error, thrown by Graph handlers. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (Retry-After, Location). */
    readonly headers: Record<string, string> = {},
    /** Extra `innerError` members some services send (throttling's `code`, `message`, `status`). */
    readonly innerError: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** An admin API error (plain JSON). */
export class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** `2026-12-01 19:00:00Z`: the identity platform's timestamps, to the second. */
function aadTimestamp(date: Date): string {
  return date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** The description as the identity platform writes it: the message, then trace id, correlation id and time, each on its own CRLF line. */
export function aadDescription(code: number, description: string, ids: RequestIds, now = new Date()): string {
  return (
    `AADSTS${code}: ${description}\r\nTrace ID: ${ids.requestId}\r\nCorrelation ID: ${ids.clientRequestId}\r\n` +
    `Timestamp: ${aadTimestamp(now)}`
  );
}

export function aadErrorBody(error: AadError, ids: RequestIds, baseUrl: string, now = new Date()): AadErrorBody {
  return {
    error: error.error,
    error_description: aadDescription(error.code, error.description, ids, now),
    error_codes: [error.code],
    timestamp: aadTimestamp(now),
    trace_id: ids.requestId,
    correlation_id: ids.clientRequestId,
    error_uri: `${baseUrl}/error?code=${error.code}`,
    ...(error.suberror ? { suberror: error.suberror } : {}),
  };
}

export function graphErrorBody(code: string, message: string, ids: RequestIds, now = new Date(), innerError: Record<string, string> = {}): GraphErrorBody {
  return {
    error: {
      code,
      message,
      innerError: {
        ...innerError,
        date: now.toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': ids.requestId,
        'client-request-id': ids.clientRequestId,
      },
    },
  };
}

/** The identity-platform errors the emulator raises, by AADSTS code. */
export const aad = {
  missingParameter: (name: string) =>
    new AadError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  tenantNotFound: (tenant: string) =>
    new AadError(400, 'invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  unknownClient: (clientId: string, tenant: string) =>
    new AadError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
  redirectUriMismatch: (redirectUri: string, clientId: string) =>
    new AadError(400, 'invalid_request', 50011, `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`),
  missingClientSecret: () =>
    new AadError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  invalidClientSecret: (clientId: string) =>
    new AadError(401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`),
  unsupportedGrantType: (grantType: string) =>
    new AadError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType}'.`),
  unsupportedResponseType: (responseType: string) =>
    new AadError(400, 'unsupported_response_type', 70005, `response_type '${responseType}' is not enabled for the application.`),
  // Emulator-only code (99990xx): the platform also accepts 'plain' and defaults to it; the emulator insists on S256.
  invalidCodeChallengeMethod: () =>
    new AadError(400, 'invalid_request', 9999001, "Invalid code_challenge_method: the emulator accepts only 'S256' alongside a code_challenge."),
  invalidCodeChallenge: () =>
    new AadError(400, 'invalid_request', 501491, 'Invalid size of Code_Challenge parameter.'),
  codeVerifierMismatch: () =>
    new AadError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  codeAlreadyRedeemed: () =>
    new AadError(400, 'invalid_grant', 54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.'),
  codeExpired: () =>
    new AadError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.'),
  invalidGrant: (why: string) => new AadError(400, 'invalid_grant', 70000, `The provided value for the 'code' or 'refresh_token' parameter is not valid. ${why}`),
  malformedRefreshToken: () =>
    new AadError(400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.'),
  // The identity platform checks the redemption's redirect_uri against the one used at /authorize.
  redirectUriChanged: () =>
    new AadError(400, 'invalid_grant', 500117, 'The reply uri specified in the request does not match the reply uri used in the authorization request.'),
  freshTokenNeeded: () =>
    new AadError(400, 'invalid_grant', 50173, 'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.', 'bad_token'),
  refreshTokenInactive: (issuedAt: Date, inactiveSeconds: number) =>
    new AadError(400, 'invalid_grant', 700082, `The refresh token has expired due to inactivity. The token was issued on ${issuedAt.toISOString()} and was inactive for ${inactiveSeconds} seconds.`),
  invalidScope: (scope: string) =>
    new AadError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  consentMissing: (clientId: string, appName: string) =>
    new AadError(400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`, 'consent_required'),
  userDeclinedConsent: () => new AadError(400, 'access_denied', 65004, 'User declined to consent to access the app.'),
  adminRequired: () => new AadError(400, 'access_denied', 90094, 'The grant requires admin permission.'),
  loginRequired: () =>
    new AadError(400, 'login_required', 50058, 'A silent sign-in request was sent but no user is signed in.'),
  userNotInTenant: (upn: string) =>
    new AadError(400, 'invalid_request', 50020, `User account '${upn}' from identity provider does not exist in this tenant and cannot access the application in that tenant.`),
  // Emulator-only code: the consent page's pending request is unknown, expired or already answered.
  requestExpired: () =>
    new AadError(400, 'invalid_request', 9999002, 'The sign-in request expired or was already completed. Start the sign-in again from the application.'),
  // Emulator-only code: admin consent has no meaning for personal accounts.
  adminConsentNotForPersonal: () =>
    new AadError(400, 'invalid_request', 9999003, 'Admin consent is not available for personal Microsoft accounts.'),
  pkceRequired: () =>
    new AadError(400, 'invalid_request', 9002325, 'Proof Key for Code Exchange is required: send code_challenge with code_challenge_method S256.'),
};

/** Graph's throttling answer as its throttling guidance shows it: the status repeated in `innerError`. */
function tooManyRequests(retryAfterSeconds: number): GraphError {
  return new GraphError(429, 'TooManyRequests', 'Please retry again later.', { 'Retry-After': String(retryAfterSeconds) }, {
    code: '429',
    message: 'Please retry after',
    status: '429',
  });
}

/** The Microsoft Graph (Outlook) errors the mail part of the emulator raises, by Graph error code. */
export const graph = {
  accessDenied: () => new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
  mailboxNotEnabled: () =>
    new GraphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.'),
  accountDisabled: () =>
    new GraphError(403, 'ErrorAccountDisabled', 'The user account which was used to submit this request has been disabled.'),
  invalidUser: (user: string) => new GraphError(404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`),
  itemNotFound: () => new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.'),
  invalidIdMalformed: () => new GraphError(400, 'ErrorInvalidIdMalformed', 'Id is malformed.'),
  unknownProperty: (property: string, type: string) =>
    new GraphError(400, 'BadRequest', `Could not find a property named '${property}' on type 'microsoft.graph.${type}'.`),
  invalidQuery: (message: string) => new GraphError(400, 'ErrorInvalidUrlQuery', message),
  invalidRequest: (message: string) => new GraphError(400, 'ErrorInvalidRequest', message),
  invalidProperty: (message: string) => new GraphError(400, 'ErrorInvalidProperty', message),
  // Emulator wording; the codes are the ones Graph answers for a delta token it cannot use.
  syncStateNotFound: (location: string) =>
    new GraphError(410, 'syncStateNotFound', 'The sync state for this delta token is no longer available; restart the synchronization.', { Location: location }),
  badDeltaToken: () => new GraphError(400, 'ErrorInvalidUrlQuery', 'The delta or skip token in the request is not valid.'),
  batchTooLarge: () => new GraphError(400, 'BadRequest', 'Number of requests inside batch exceeds the limit.'),
  batchMalformed: (message: string) => new GraphError(400, 'BadRequest', message),
  failedDependency: () => new GraphError(424, 'FailedDependency', 'The request depends on a request that failed.'),
  concurrencyThrottled: (retryAfterSeconds: number) =>
    new GraphError(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', { 'Retry-After': String(retryAfterSeconds) }),
  rateThrottled: (retryAfterSeconds: number) => tooManyRequests(retryAfterSeconds),
  /** Dev-Proxy-like injected faults; 429, 503 and 504 carry Retry-After. */
  injected: (status: number, retryAfterSeconds: number) => {
    const codes: Record<number, [string, string]> = {
      500: ['InternalServerError', 'Internal server error.'],
      502: ['BadGateway', 'Bad gateway.'],
      503: ['ServiceUnavailable', 'Service unavailable.'],
      504: ['GatewayTimeout', 'Gateway timeout.'],
    };
    if (status === 429) return tooManyRequests(retryAfterSeconds);
    const [code, message] = codes[status] ?? ['generalException', 'General exception while processing.'];
    const retry = status === 503 || status === 504;
    return new GraphError(status, code, message, retry ? { 'Retry-After': String(retryAfterSeconds) } : {});
  },
  // ---- change notifications (subscriptions) ----
  subscriptionNotFound: () => new GraphError(404, 'ResourceNotFound', 'The subscription was not found.'),
  subscriptionInvalid: (message: string) => new GraphError(400, 'InvalidRequest', message),
  subscriptionExpirationMissing: () =>
    new GraphError(400, 'InvalidRequest', 'expirationDateTime is a required property for subscription creation.'),
  subscriptionExpirationTooLong: (maxMinutes: number) =>
    new GraphError(400, 'ExtensionError', `Subscription expiration can only be ${maxMinutes} minutes in the future.`),
  // Emulator wording.
  subscriptionExpirationInPast: () => new GraphError(400, 'ExtensionError', 'Subscription expiration must be in the future.'),
  subscriptionValidationNoOk: () =>
    new GraphError(400, 'ValidationError', 'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.'),
  subscriptionValidationMismatch: () =>
    new GraphError(400, 'ValidationError', 'Subscription validation request failed. Response must exactly match validationToken query parameter.'),
  subscriptionValidationTimeout: (timeoutMs: number) =>
    new GraphError(400, 'ValidationError', `Subscription validation request failed. The notification endpoint did not respond within ${timeoutMs / 1000} seconds.`),
  subscriptionValidationContentType: () =>
    new GraphError(400, 'ValidationError', 'Subscription validation request failed. The response Content-Type must be text/plain.'),
  subscriptionAccessDenied: (operation: string) =>
    new GraphError(403, 'ExtensionError', `Operation: ${operation}; Exception: [Status Code: Forbidden; Reason: Access is denied. Check credentials and try again.]`),
  subscriptionLimitReached: () =>
    new GraphError(403, 'ExtensionError', 'Operation: Create; Exception: [Status Code: Forbidden; Reason: Maximum number of subscriptions has been reached]'),
};
