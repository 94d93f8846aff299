/**
 * What each AADSTS code the emulator raises means and what a developer can do about it, in our words, for the page
 * `error_uri` points at. Codes from 9999001 up are the emulator's own (the identity platform has no such code).
 */
export interface ErrorCodeExplanation {
  title: string;
  cause: string;
  remedy: string;
}

export const ERROR_CODE_EXPLANATIONS: Readonly<Record<number, ErrorCodeExplanation>> = {
  50011: {
    title: 'Redirect URI not registered',
    cause: "The redirect_uri of the request is not one of the app registration's redirect URIs.",
    remedy: 'Send a redirect URI registered for the app, character for character, or register this one.',
  },
  50020: {
    title: 'Account not in this tenant',
    cause: 'The signed-in account belongs to another tenant (or is a personal account) than the authority the app used.',
    remedy: 'Sign in with an account of that tenant, or use the common or organizations authority.',
  },
  50058: {
    title: 'No one is signed in',
    cause: 'A silent request (prompt=none) came while no session was known for the browser.',
    remedy: 'Send an interactive request (without prompt=none).',
  },
  50173: {
    title: 'Grant revoked',
    cause: "The refresh token's sessions were revoked, as after a password change or an administrator's revocation.",
    remedy: 'Have the user sign in again interactively.',
  },
  54005: {
    title: 'Authorization code already redeemed',
    cause: 'An authorization code can be redeemed once; this one was.',
    remedy: 'Start a new authorization request, or use the refresh token the first redemption returned.',
  },
  65001: {
    title: 'Consent missing',
    cause: 'The user or administrator has not consented to a scope the request asks for.',
    remedy: 'Send an interactive authorization request so the user (or an administrator) can consent.',
  },
  65004: {
    title: 'Consent declined',
    cause: 'The user chose Cancel on the consent page.',
    remedy: 'Nothing to fix in the app; the user may try again.',
  },
  70000: {
    title: 'Invalid grant',
    cause: 'The code or refresh token is unknown, was issued to another client, or its user no longer exists.',
    remedy: 'Sign the user in again.',
  },
  70003: {
    title: 'Unsupported grant type',
    cause: 'The token endpoint was called with a grant_type the emulator does not serve.',
    remedy: 'Use authorization_code or refresh_token.',
  },
  70005: {
    title: 'Unsupported response type',
    cause: 'The authorize request asked for a response_type the app may not use.',
    remedy: 'Use response_type=code.',
  },
  70008: {
    title: 'Grant expired',
    cause: 'The authorization code or refresh token is past its lifetime.',
    remedy: 'Send a new interactive authorization request.',
  },
  70011: {
    title: 'Invalid scope',
    cause: 'A scope of the request names neither an OpenID Connect scope nor a permission of Microsoft Graph (another resource, or a misspelt permission).',
    remedy: 'Request Graph permissions (https://graph.microsoft.com/Mail.Read, or the short Mail.Read) with the OpenID Connect scopes.',
  },
  90002: {
    title: 'Tenant not found',
    cause: 'The tenant segment of the URL names no tenant the emulator knows.',
    remedy: 'Use common, organizations, consumers, a tenant id or one of its domains.',
  },
  90094: {
    title: 'Administrator approval needed',
    cause: "A scope needs a tenant administrator's consent, or the tenant lets only administrators consent.",
    remedy: "Ask an administrator of the tenant to grant admin consent for the app.",
  },
  500117: {
    title: 'Redirect URI changed',
    cause: 'The redirect_uri of the code redemption differs from the one of the authorization request.',
    remedy: 'Redeem the code with the redirect URI the authorization request used.',
  },
  501481: {
    title: 'PKCE verifier mismatch',
    cause: "The code_verifier's S256 hash is not the code_challenge of the authorization request.",
    remedy: 'Redeem the code with the verifier generated for that request.',
  },
  501491: {
    title: 'Invalid code challenge',
    cause: 'The code_challenge is not 43 to 128 characters long.',
    remedy: 'Send the base64url SHA-256 of a fresh verifier.',
  },
  700016: {
    title: 'Unknown application',
    cause: 'No app with this client_id is registered in the directory.',
    remedy: "Check the client id, or register the app (the emulator's admin API can).",
  },
  700082: {
    title: 'Refresh token inactive',
    cause: 'The refresh token went unused longer than its lifetime (90 days by default).',
    remedy: 'Have the user sign in again.',
  },
  900144: {
    title: 'Missing parameter',
    cause: 'A parameter the endpoint requires is absent.',
    remedy: 'Add the parameter the description names.',
  },
  7000215: {
    title: 'Wrong client secret',
    cause: "The client_secret is not the app's secret.",
    remedy: "Send the secret's value (not its id).",
  },
  7000218: {
    title: 'Client credentials missing',
    cause: 'A confidential client called the token endpoint without a client secret or assertion.',
    remedy: 'Send client_secret (form body or HTTP Basic).',
  },
  9002313: {
    title: 'Malformed request',
    cause: 'The refresh token is not one the emulator issued (its format is wrong).',
    remedy: 'Send the refresh token exactly as the token endpoint returned it.',
  },
  9002325: {
    title: 'PKCE required',
    cause: 'The emulator is set to require Proof Key for Code Exchange and the request has no code_challenge.',
    remedy: 'Send code_challenge with code_challenge_method=S256.',
  },
  9999001: {
    title: 'S256 required (emulator)',
    cause: "The emulator accepts only the S256 code challenge method; the identity platform also takes 'plain'.",
    remedy: 'Send code_challenge_method=S256.',
  },
  9999002: {
    title: 'Sign-in request expired (emulator)',
    cause: 'The consent page was submitted for a request that expired or was already answered.',
    remedy: 'Start the sign-in again from the application.',
  },
  9999003: {
    title: 'No admin consent for personal accounts (emulator)',
    cause: 'Admin consent was asked for a personal Microsoft account, which has no administrator.',
    remedy: 'Use a work or school account of the tenant.',
  },
};
