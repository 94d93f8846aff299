import { absent, each, eq, like, optional, type ConformanceCase } from '../conformance-case.js';
import { JSON_HEADERS, TOKEN_ERROR } from './shapes.js';
import { identityDoc } from './sources.js';

const AUTH_CODE_FLOW = identityDoc('v2-oauth2-auth-code-flow');
const TOKEN_PATH = '/common/oauth2/v2.0/token';
const GRAPH_SCOPES = 'https://graph.microsoft.com/User.Read https://graph.microsoft.com/Mail.ReadWrite openid profile offline_access';

/** The authorize request of the authorization-code flow's example, with the demo app. */
const authorizeQuery = (extra: Record<string, string> = {}): Record<string, string> => ({
  client_id: '{clientId}',
  response_type: 'code',
  redirect_uri: '{redirectUri}',
  response_mode: 'query',
  scope: GRAPH_SCOPES,
  state: '12345',
  code_challenge: '{codeChallenge}',
  code_challenge_method: 'S256',
  ...extra,
});

const authorizeError = (error: string) => ({
  status: 302,
  redirect: { to: '{redirectUri}', query: { error: eq(error), error_description: 'string', state: eq('12345') } },
});

export const identityCases: ConformanceCase[] = [
  {
    name: 'GET /{tenant}/v2.0/.well-known/openid-configuration publishes the OpenID provider metadata',
    source: identityDoc('v2-protocols-oidc'),
    request: { method: 'GET', path: '/common/v2.0/.well-known/openid-configuration' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: {
        authorization_endpoint: like(/\/common\/oauth2\/v2\.0\/authorize$/),
        token_endpoint: like(/^https:\/\/.+\/common\/oauth2\/v2\.0\/token$/),
        token_endpoint_auth_methods_supported: each('string'),
        jwks_uri: like(/^https:\/\/.+\/common\/discovery\/v2\.0\/keys$/),
        response_modes_supported: each('string'),
        subject_types_supported: each('string'),
        id_token_signing_alg_values_supported: each('string'),
        response_types_supported: each('string'),
        scopes_supported: each('string'),
        issuer: like(/^https:\/\/.+\/\{tenantid\}\/v2\.0$/),
        request_uri_parameter_supported: 'boolean',
        userinfo_endpoint: 'string',
        end_session_endpoint: like(/\/common\/oauth2\/v2\.0\/logout$/),
        http_logout_supported: 'boolean',
        frontchannel_logout_supported: 'boolean',
        claims_supported: each('string'),
        tenant_region_scope: 'string|null',
        cloud_instance_name: 'string',
        cloud_graph_host_name: 'string',
        msgraph_host: 'string',
        rbac_url: 'string',
      },
    },
  },
  {
    name: "GET /{tenant}/discovery/v2.0/keys publishes the signing keys as a JWK set",
    source: identityDoc('access-tokens#validate-tokens'),
    request: { method: 'GET', path: '/common/discovery/v2.0/keys' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { keys: each({ kty: eq('RSA'), use: eq('sig'), kid: 'string', n: 'string', e: 'string', x5t: optional('string'), x5c: optional('array') }) },
    },
  },
  {
    name: 'GET /{tenant}/oauth2/v2.0/authorize with a valid request shows the sign-in and consent page',
    source: AUTH_CODE_FLOW,
    request: { method: 'GET', path: '/common/oauth2/v2.0/authorize', query: authorizeQuery() },
    expect: { status: 200, headers: { 'content-type': /^text\/html/ } },
  },
  {
    name: 'GET authorize without PKCE shows the page (PKCE is recommended, and required only of single-page apps)',
    source: AUTH_CODE_FLOW,
    request: {
      method: 'GET',
      path: '/common/oauth2/v2.0/authorize',
      query: Object.fromEntries(Object.entries(authorizeQuery()).filter(([name]) => !name.startsWith('code_challenge'))),
    },
    expect: { status: 200, headers: { 'content-type': /^text\/html/ } },
    knownGap: {
      reason: 'the emulator requires PKCE of every client by default (its requirePkce setting, PUT /_admin/config to turn off): it redirects back with invalid_request',
      problems: ['status 302, documented 200'],
    },
  },
  {
    name: 'GET authorize with code_challenge_method=plain shows the page (plain and S256 are both supported)',
    source: AUTH_CODE_FLOW,
    request: {
      method: 'GET',
      path: '/common/oauth2/v2.0/authorize',
      query: authorizeQuery({ code_challenge: 'ThisIsntRandomButItNeedsToBe43CharactersLong', code_challenge_method: 'plain' }),
    },
    expect: { status: 200, headers: { 'content-type': /^text\/html/ } },
    knownGap: {
      reason: 'the emulator takes S256 challenges only: a plain one (or one without a method, which means plain) is refused',
      problems: ['status 302, documented 200'],
    },
  },
  {
    name: 'GET authorize with prompt=none and no session redirects back with error=login_required',
    source: AUTH_CODE_FLOW,
    request: { method: 'GET', path: '/common/oauth2/v2.0/authorize', query: authorizeQuery({ prompt: 'none' }) },
    expect: authorizeError('login_required'),
  },
  {
    name: 'GET authorize with a response_type the flow does not take redirects back with error=unsupported_response_type',
    source: AUTH_CODE_FLOW,
    request: { method: 'GET', path: '/common/oauth2/v2.0/authorize', query: authorizeQuery({ response_type: 'token' }) },
    expect: authorizeError('unsupported_response_type'),
  },
  {
    name: 'POST authorize (the consent form, Accept) redirects back with code and state',
    source: AUTH_CODE_FLOW,
    request: {
      method: 'POST',
      path: '/common/oauth2/v2.0/authorize',
      form: { request: '{consentRequest}', account: 'megan.bowen@contoso.com', scope: '{consentScopes}', action: 'accept' },
    },
    expect: { status: 302, redirect: { to: '{redirectUri}', query: { code: 'string', state: eq('state-123') } } },
  },
  {
    name: 'POST authorize (the consent form, Cancel) redirects back with error=access_denied',
    source: AUTH_CODE_FLOW,
    request: { method: 'POST', path: '/common/oauth2/v2.0/authorize', form: { request: '{consentRequest}', action: 'cancel' } },
    expect: { status: 302, redirect: { to: '{redirectUri}', query: { error: eq('access_denied'), error_description: 'string', state: eq('state-123') } } },
  },
  {
    name: 'POST /{tenant}/oauth2/v2.0/token (authorization_code) redeems a code for tokens',
    source: AUTH_CODE_FLOW,
    request: {
      method: 'POST',
      path: TOKEN_PATH,
      form: {
        client_id: '{clientId}',
        client_secret: '{clientSecret}',
        grant_type: 'authorization_code',
        code: '{code}',
        redirect_uri: '{redirectUri}',
        code_verifier: '{codeVerifier}',
        scope: GRAPH_SCOPES,
      },
    },
    expect: {
      status: 200,
      headers: { ...JSON_HEADERS, 'cache-control': /no-store/ },
      body: { token_type: eq('Bearer'), scope: 'string', expires_in: 'integer', access_token: 'string', refresh_token: 'string', id_token: 'string' },
    },
  },
  {
    name: 'POST token with a code that was never issued answers 400 invalid_grant with the error body',
    source: AUTH_CODE_FLOW,
    request: {
      method: 'POST',
      path: TOKEN_PATH,
      form: { client_id: '{clientId}', client_secret: '{clientSecret}', grant_type: 'authorization_code', code: 'not-a-code', redirect_uri: '{redirectUri}', scope: GRAPH_SCOPES },
    },
    expect: { status: 400, headers: JSON_HEADERS, body: { ...TOKEN_ERROR, error: eq('invalid_grant') } },
  },
  {
    name: 'POST token (refresh_token) returns new tokens',
    source: identityDoc('v2-oauth2-auth-code-flow#refresh-the-access-token'),
    request: {
      method: 'POST',
      path: TOKEN_PATH,
      form: { client_id: '{clientId}', client_secret: '{clientSecret}', grant_type: 'refresh_token', refresh_token: '{refreshToken}', scope: GRAPH_SCOPES },
    },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { token_type: eq('Bearer'), scope: 'string', expires_in: 'integer', access_token: 'string', refresh_token: 'string', id_token: 'string' },
    },
  },
  {
    name: 'POST token with a scope of a resource that does not exist answers 400 invalid_scope (AADSTS70011)',
    source: AUTH_CODE_FLOW,
    request: {
      method: 'POST',
      path: TOKEN_PATH,
      form: {
        client_id: '{clientId}',
        client_secret: '{clientSecret}',
        grant_type: 'authorization_code',
        code: '{code}',
        redirect_uri: '{redirectUri}',
        code_verifier: '{codeVerifier}',
        scope: 'https://foo.microsoft.com/mail.read',
      },
    },
    expect: { status: 400, headers: JSON_HEADERS, body: { ...TOKEN_ERROR, error: eq('invalid_scope'), error_codes: eq([70011]) } },
  },
  {
    name: 'POST token (client_credentials) returns an app-only access token',
    source: identityDoc('v2-oauth2-client-creds-grant-flow'),
    request: {
      method: 'POST',
      path: '/{tenantId}/oauth2/v2.0/token',
      form: { client_id: '{clientId}', client_secret: '{clientSecret}', grant_type: 'client_credentials', scope: 'https://graph.microsoft.com/.default' },
    },
    expect: { status: 200, headers: JSON_HEADERS, body: { token_type: eq('Bearer'), expires_in: 'integer', access_token: 'string' } },
    knownGap: {
      reason: 'app-only access (client credentials, application permissions) is not emulated: the token endpoint answers 400 unsupported_grant_type',
      problems: ['status 400, documented 200'],
    },
  },
  {
    name: 'POST /{tenant}/oauth2/v2.0/devicecode starts the device code flow',
    source: identityDoc('v2-oauth2-device-code'),
    request: { method: 'POST', path: '/common/oauth2/v2.0/devicecode', form: { client_id: '{clientId}', scope: GRAPH_SCOPES } },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { device_code: 'string', user_code: 'string', verification_uri: 'string', expires_in: 'integer', interval: 'integer', message: 'string' },
    },
    knownGap: {
      reason: 'the device code flow is not emulated: the endpoint answers 400 unsupported_grant_type',
      problems: ['status 400, documented 200'],
    },
  },
  {
    name: 'GET /oidc/userinfo returns the claims of a user signed in with openid, profile and email',
    source: identityDoc('userinfo'),
    request: { method: 'GET', path: '/oidc/userinfo', headers: { Authorization: 'Bearer {emailToken}' } },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { sub: 'string', name: 'string', family_name: 'string', given_name: 'string', picture: 'string', email: 'string' },
    },
    knownGap: {
      reason: "the emulator serves no profile photo, so userinfo has no picture claim (Graph's /me/photo/$value)",
      problems: ['body.picture: missing (documented string)'],
    },
  },
  {
    name: 'POST /oidc/userinfo answers as GET does; without the email scope there is no email',
    source: identityDoc('userinfo'),
    request: { method: 'POST', path: '/oidc/userinfo', auth: 'user' },
    expect: {
      status: 200,
      headers: JSON_HEADERS,
      body: { sub: 'string', name: 'string', family_name: 'string', given_name: 'string', email: absent() },
    },
  },
  {
    name: 'GET /{tenant}/oauth2/v2.0/logout redirects to post_logout_redirect_uri',
    source: identityDoc('v2-protocols-oidc#send-a-sign-out-request'),
    request: { method: 'GET', path: '/common/oauth2/v2.0/logout', query: { post_logout_redirect_uri: 'http://localhost:3000/signed-out' } },
    expect: { status: 302, redirect: { to: 'http://localhost:3000/signed-out', query: {} } },
  },
  {
    name: 'GET /{tenant}/v2.0/adminconsent shows the administrator consent page',
    source: identityDoc('v2-admin-consent'),
    request: {
      method: 'GET',
      path: '/common/v2.0/adminconsent',
      query: { client_id: '{clientId}', scope: 'https://graph.microsoft.com/.default', redirect_uri: '{redirectUri}', state: '12345' },
    },
    expect: { status: 200, headers: { 'content-type': /^text\/html/ } },
  },
  {
    name: 'GET adminconsent without a scope redirects back with an error',
    source: identityDoc('v2-admin-consent'),
    request: { method: 'GET', path: '/common/v2.0/adminconsent', query: { client_id: '{clientId}', redirect_uri: '{redirectUri}', state: '12345' } },
    expect: {
      status: 302,
      redirect: { to: '{redirectUri}', query: { admin_consent: eq('True'), error: eq('invalid_request'), error_description: 'string', state: eq('12345') } },
    },
  },
  {
    name: 'POST adminconsent (an administrator accepts) redirects back with admin_consent=True, tenant, scope and state',
    source: identityDoc('v2-admin-consent'),
    request: {
      method: 'POST',
      path: '/common/v2.0/adminconsent',
      form: { request: '{adminConsentRequest}', account: 'megan.bowen@contoso.com', action: 'accept' },
    },
    expect: {
      status: 302,
      redirect: { to: '{redirectUri}', query: { admin_consent: eq('True'), tenant: eq('{tenantId}'), scope: 'string', state: eq('12345') } },
    },
  },
  {
    name: 'GET /error?code= explains an AADSTS error code',
    source: identityDoc('reference-error-codes#lookup-current-error-code-information'),
    request: { method: 'GET', path: '/error', query: { code: '70008' } },
    expect: { status: 200, headers: { 'content-type': /^text\/html/ } },
  },
];
