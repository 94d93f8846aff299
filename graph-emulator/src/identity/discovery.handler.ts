import type { Request, Response } from 'express';
import { browserOrigin, requestHost, type EmulatorContext } from '../http/emulator-context.js';
import { OIDC_SCOPES } from './scopes.js';
import { resolveTenantSegment } from './tenant-segment.js';

/** `GET /{tenant}/v2.0/.well-known/openid-configuration` */
export function discoveryHandler(context: EmulatorContext) {
  return (req: Request<{ tenant: string }>, res: Response): void => {
    const audience = resolveTenantSegment(context.store, req.params.tenant);
    const host = requestHost(context, req);
    const origin = `https://${host}`;
    // Multi-tenant segments publish a templated issuer; consumers resolves to the personal-account tenant.
    const issuerTenant =
      audience.kind === 'common' || audience.kind === 'organizations' ? '{tenantid}' : audience.tenant.id;
    const pathTenant = audience.segment;
    const oauth = `${origin}/${pathTenant}/oauth2/v2.0`;
    // MSAL builds its authorize URL from this document, so a browser without the emulator's CA can open the pages.
    const browserOauth = `${browserOrigin(context, req) ?? origin}/${pathTenant}/oauth2/v2.0`;
    res.json({
      token_endpoint: `${oauth}/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      jwks_uri: `${origin}/${pathTenant}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: [...OIDC_SCOPES],
      issuer: `${origin}/${issuerTenant}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${origin}/oidc/userinfo`,
      authorization_endpoint: `${browserOauth}/authorize`,
      device_authorization_endpoint: `${oauth}/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${browserOauth}/logout`,
      claims_supported: [
        'sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host',
        'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash',
        'c_hash', 'email',
      ],
      kerberos_endpoint: `${origin}/${pathTenant}/kerberos`,
      tenant_region_scope: audience.kind === 'tenant' ? 'NA' : null,
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      // The emulator serves Graph itself, under /v1.0.
      msgraph_host: host,
      rbac_url: 'https://pas.windows.net',
    });
  };
}
