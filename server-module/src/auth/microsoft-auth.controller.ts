import { Controller, Get, Inject, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { HOST_MEMBER_CONTEXT, MicrosoftFeature, type HostMemberContext } from '@m365/shared-types';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { FeatureNotConsentableException, MicrosoftConnectService } from './microsoft-connect.service.js';
import { MicrosoftAccountNotFoundException } from '../accounts/microsoft-account.service.js';
import { MicrosoftConnectErrorCode, MicrosoftConnectException } from './microsoft-connect.exception.js';
import { OAuthStateService, OAUTH_STATE_TTL_MS } from './oauth-state.service.js';
import { OAuthStateException } from './oauth-state.exception.js';
import { TransientTokenService } from './transient-token.service.js';
import { safeRedirectLocation } from './safe-redirect-location.util.js';
import { SharePointConsentService } from '../files/sharepoint-consent.service.js';
import { FilesException } from '../files/files.exception.js';
import { PluginSecurityHeadersInterceptor } from '../http/plugin-security-headers.js';

export const OAUTH_NONCE_COOKIE = 'm365_oauth_nonce';
const AUTH_PATH = '/auth/microsoft-apis';
const SETTINGS_ACCOUNTS = '/settings/accounts';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /auth/microsoft-apis` starts "Connect Microsoft" (or, with `feature` and `connectedAccountId`, "Enable" on one
 * feature of a connected account); Microsoft sends the browser back to `…/get-access-token`.
 */
@Controller('auth/microsoft-apis')
@UseInterceptors(PluginSecurityHeadersInterceptor)
export class MicrosoftAuthController {
  constructor(
    @Inject(MICROSOFT_PLUGIN_CONFIG) private readonly config: MicrosoftPluginConfig,
    @Inject(HOST_MEMBER_CONTEXT) private readonly members: HostMemberContext,
    @Inject(TransientTokenService) private readonly transientTokens: TransientTokenService,
    @Inject(OAuthStateService) private readonly states: OAuthStateService,
    @Inject(MicrosoftConnectService) private readonly connect: MicrosoftConnectService,
    @Inject(SharePointConsentService) private readonly sharePoint: SharePointConsentService,
  ) {}

  /** "Authorize SharePoint for the org": Microsoft's admin consent for the account's tenant, back on `get-access-token`. */
  @Get('admin-consent')
  async startAdminConsent(
    @Req() request: Request,
    @Res() response: Response,
    @Query('connectedAccountId') connectedAccountId?: string,
    @Query('transientToken') transientToken?: string,
    @Query('redirectLocation') redirectLocation?: string,
  ): Promise<void> {
    const member = (transientToken ? await this.transientTokens.verify(transientToken) : null) ?? (await this.members.fromRequest(request));
    if (!member) {
      response.status(401).type('text/plain').send('Sign in to the CRM first, then authorize SharePoint from Settings → Accounts.');
      return;
    }
    if (!connectedAccountId || !UUID.test(connectedAccountId)) {
      response.status(404).type('text/plain').send(new MicrosoftAccountNotFoundException().message);
      return;
    }
    let started;
    try {
      started = await this.sharePoint.start(member, connectedAccountId, safeRedirectLocation(redirectLocation));
    } catch (error) {
      if (!(error instanceof FilesException)) throw error;
      response.status(error.code === 'NOT_FOUND' ? 404 : 400).type('text/plain').send(error.message);
      return;
    }
    this.setNonceCookie(response, started.nonce);
    response.redirect(302, started.url);
  }

  @Get()
  async start(
    @Req() request: Request,
    @Res() response: Response,
    @Query('transientToken') transientToken?: string,
    @Query('redirectLocation') redirectLocation?: string,
    @Query('loginHint') loginHint?: string,
    @Query('feature') feature?: string,
    @Query('connectedAccountId') connectedAccountId?: string,
  ): Promise<void> {
    const member = (transientToken ? await this.transientTokens.verify(transientToken) : null) ?? (await this.members.fromRequest(request));
    if (!member) {
      response.status(401).type('text/plain').send('Sign in to the CRM first, then connect your Microsoft account from Settings → Accounts.');
      return;
    }
    let started;
    if (feature !== undefined || connectedAccountId !== undefined) {
      if (!Object.values(MicrosoftFeature).includes(feature as MicrosoftFeature) || !connectedAccountId) {
        response.status(400).type('text/plain').send('Enabling a feature needs a known feature and the connected account to enable it on.');
        return;
      }
      if (!UUID.test(connectedAccountId)) {
        response.status(404).type('text/plain').send(new MicrosoftAccountNotFoundException().message);
        return;
      }
      try {
        started = await this.connect.startEnableFeature(member, connectedAccountId, feature as MicrosoftFeature, safeRedirectLocation(redirectLocation));
      } catch (error) {
        if (error instanceof MicrosoftAccountNotFoundException) {
          response.status(404).type('text/plain').send(error.message);
          return;
        }
        if (error instanceof FeatureNotConsentableException) {
          response.status(400).type('text/plain').send(error.message);
          return;
        }
        throw error;
      }
    } else {
      started = await this.connect.startConnect(member, safeRedirectLocation(redirectLocation), loginHint);
    }
    const { url, nonce } = started;
    this.setNonceCookie(response, nonce);
    response.redirect(302, url);
  }

  private setNonceCookie(response: Response, nonce: string): void {
    response.cookie(OAUTH_NONCE_COOKIE, nonce, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.publicUrl.startsWith('https:'),
      path: AUTH_PATH,
      maxAge: OAUTH_STATE_TTL_MS,
    });
  }

  @Get('get-access-token')
  async callback(
    @Req() request: Request,
    @Res() response: Response,
    @Query() query: Record<string, string | undefined>,
  ): Promise<void> {
    response.clearCookie(OAUTH_NONCE_COOKIE, { path: AUTH_PATH });
    let state;
    try {
      // One redirect URI serves connect and "Enable" (with a code) and an administrator's consent (without one).
      state = await this.states.consume(query.state, request.cookies?.[OAUTH_NONCE_COOKIE], {
        purposes: ['connect', 'enable-feature', 'admin-consent'],
        sessionMember: await this.members.fromRequest(request),
      });
    } catch (error) {
      if (!(error instanceof OAuthStateException)) throw error;
      response.status(400).type('text/plain').send(error.message);
      return;
    }
    const back = state.redirectLocation ?? SETTINGS_ACCOUNTS;
    if (state.purpose === 'admin-consent') {
      try {
        const { connectedAccountId } = await this.sharePoint.complete(state, query);
        response.redirect(302, this.frontUrl(back, { connectedAccountId, sharePointAuthorized: 'true' }));
      } catch (error) {
        if (!(error instanceof MicrosoftConnectException)) throw error;
        response.redirect(302, this.frontUrl(back, { microsoftError: error.code, microsoftErrorMessage: error.message }));
      }
      return;
    }
    try {
      if (query.error) throw consentError(query.error, query.error_description);
      if (!query.code) throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, 'Microsoft sent no authorization code.');
      const { connectedAccountId } = await this.connect.completeConnect(state, query.code);
      response.redirect(302, this.frontUrl(back, { connectedAccountId }));
    } catch (error) {
      if (!(error instanceof MicrosoftConnectException)) throw error;
      response.redirect(302, this.frontUrl(back, { microsoftError: error.code, microsoftErrorMessage: error.message }));
    }
  }

  private frontUrl(path: string, params: Record<string, string>): string {
    const url = new URL(path, this.config.frontUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }
}

function consentError(error: string, description: string | undefined): MicrosoftConnectException {
  const reason = (description ?? '').split(/\r?\n| Trace ID:/)[0] || error;
  // https://learn.microsoft.com/entra/identity-platform/reference-error-codes: 90094 AdminConsentRequired, 65001 DelegationDoesNotExist.
  if (error === 'consent_required' || /AADSTS(90094|65001)\b/.test(reason)) {
    return new MicrosoftConnectException(MicrosoftConnectErrorCode.ADMIN_APPROVAL_REQUIRED, `An administrator must approve the app first: ${reason}`);
  }
  if (error === 'access_denied') {
    return new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_CANCELLED, `The Microsoft sign-in was cancelled: ${reason}`);
  }
  return new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, `Microsoft could not complete the sign-in: ${reason}`);
}
