import { Inject, Injectable } from '@nestjs/common';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { OIDC_SCOPES, normalizeScopes } from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { MicrosoftIdentityRepository } from '../accounts/microsoft-identity.repository.js';
import { MsalClientFactory } from '../auth/msal-client.factory.js';
import { SecretVaultService } from '../vault/secret-vault.service.js';
import { VaultTokenCachePlugin } from './vault-token-cache.plugin.js';
import { MicrosoftAccountNeedsReconnectException } from './microsoft-token.exception.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { PluginLogger } from '../logging/plugin-logger.js';

/**
 * Access tokens for a connected account. MSAL answers from the sealed cache and refreshes on its own when the token
 * is within five minutes of expiry; a dead grant marks the account for reconnection and stops all further attempts.
 */
@Injectable()
export class MicrosoftTokenService {
  private readonly logger = new PluginLogger(MicrosoftTokenService.name);
  /** Access tokens in memory only, so a busy mailbox costs no vault read per Graph call; refresh tokens stay sealed. */
  private readonly issued = new Map<string, { accessToken: string; expiresAt: number }>();
  private readonly inFlight = new Map<string, { forced: boolean; promise: Promise<string> }>();

  constructor(
    @Inject(MsalClientFactory) private readonly msal: MsalClientFactory,
    @Inject(SecretVaultService) private readonly vault: SecretVaultService,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {}

  /**
   * One token request per account at a time. A plain read joins whatever is in flight; a forced refresh (after Graph
   * refused `rejectedToken`) first lets a plain read in flight finish, so that read cannot put the refused token back.
   */
  async getAccessToken(workspaceId: string, connectedAccountId: string, options: TokenRequestOptions = {}): Promise<string> {
    if (options.cachedOnly) {
      const cached = this.issued.get(connectedAccountId);
      if (cached && cached.expiresAt - Date.now() > RENEWAL_WINDOW_MS) return cached.accessToken;
      // Getting one would need the database (and a refresh in flight does): the caller holds its only connection.
      throw new MicrosoftGraphException(MicrosoftGraphErrorKind.UNAUTHENTICATED, 'No access token at hand while the host\'s only database connection is held: it is renewed outside', 401, null);
    }
    const force = options.forceRefresh ?? false;
    for (;;) {
      const cached = this.issued.get(connectedAccountId);
      if (cached && cached.expiresAt - Date.now() > RENEWAL_WINDOW_MS && (!force || isReplacement(cached.accessToken, options.rejectedToken))) {
        return cached.accessToken;
      }
      const running = this.inFlight.get(connectedAccountId);
      if (!running) break;
      if (running.forced || !force) return running.promise;
      await running.promise.catch(() => undefined);
    }
    this.issued.delete(connectedAccountId);
    const promise = this.acquire(workspaceId, connectedAccountId, force).finally(() => {
      if (this.inFlight.get(connectedAccountId)?.promise === promise) this.inFlight.delete(connectedAccountId);
    });
    this.inFlight.set(connectedAccountId, { forced: force, promise });
    return promise;
  }

  /** The access token this process would hand out now without asking anyone, if it has one. */
  peek(connectedAccountId: string): string | undefined {
    return this.issued.get(connectedAccountId)?.accessToken;
  }

  private async acquire(workspaceId: string, connectedAccountId: string, forceRefresh: boolean): Promise<string> {
    const accounts = this.records.connectedAccounts();
    const account = await accounts.findConnectedAccount(workspaceId, connectedAccountId);
    if (!account) throw new Error(`Connected account ${connectedAccountId} not found`);
    if (account.authFailedAt) throw new MicrosoftAccountNeedsReconnectException(connectedAccountId, 'a previous refresh was refused');

    const identity = await this.identities.find(workspaceId, connectedAccountId);
    const cachePlugin = new VaultTokenCachePlugin(this.vault, workspaceId, connectedAccountId);
    const client = this.msal.create(cachePlugin);
    const msalAccount = identity ? await client.getTokenCache().getAccountByHomeId(identity.homeAccountId) : null;
    if (!msalAccount) return this.fail(workspaceId, connectedAccountId, 'no stored credentials');

    const scopes = account.scopes.filter((scope) => !(OIDC_SCOPES as readonly string[]).includes(scope));
    try {
      let result;
      try {
        result = await client.acquireTokenSilent({ account: msalAccount, scopes, forceRefresh });
      } catch (error) {
        if (!isConsentMissing(error)) throw error;
        // The grant no longer holds a scope the account lists (withdrawn at Microsoft): ask for whatever it holds,
        // so the other features keep working and the account's scopes are corrected below.
        this.logger.warn(`Microsoft account ${connectedAccountId}: a listed scope is no longer granted; asking for the whole grant`);
        result = await client.acquireTokenSilent({ account: msalAccount, scopes: [GRAPH_DEFAULT_SCOPE], forceRefresh: true });
      }
      if (!result.fromCache) {
        await accounts.setCredentialsRefreshedAt(workspaceId, connectedAccountId, new Date());
        // The token's `scope` is what the grant holds now: a permission the user withdrew at Microsoft is missing
        // from it, and the features that need it stop (the feature gate reads the account's scopes).
        const granted = normalizeScopes(result.scopes);
        if (!sameScopes(granted, normalizeScopes(account.scopes))) {
          this.logger.warn(`Microsoft account ${connectedAccountId}: the grant changed at Microsoft (now ${granted.join(' ')})`);
          await accounts.setScopes(workspaceId, connectedAccountId, granted);
        }
      }
      if (result.expiresOn) this.issued.set(connectedAccountId, { accessToken: result.accessToken, expiresAt: result.expiresOn.getTime() });
      return result.accessToken;
    } catch (error) {
      if (isDeadGrant(error)) return this.fail(workspaceId, connectedAccountId, (error as Error).message);
      throw error;
    }
  }

  /**
   * Asks, without any prompt, for a token that also carries `extraScopes` (granted since, for example by the tenant's
   * administrator for everyone). True, and the account's scopes updated, when Microsoft granted them.
   */
  async tryExtendGrant(workspaceId: string, connectedAccountId: string, extraScopes: string[]): Promise<boolean> {
    const accounts = this.records.connectedAccounts();
    const account = await accounts.findConnectedAccount(workspaceId, connectedAccountId);
    const identity = await this.identities.find(workspaceId, connectedAccountId);
    if (!account || !identity || account.authFailedAt) return false;
    const client = this.msal.create(new VaultTokenCachePlugin(this.vault, workspaceId, connectedAccountId));
    const msalAccount = await client.getTokenCache().getAccountByHomeId(identity.homeAccountId);
    if (!msalAccount) return false;
    const scopes = [...new Set([...account.scopes.filter((scope) => !(OIDC_SCOPES as readonly string[]).includes(scope)), ...extraScopes])];
    try {
      const result = await client.acquireTokenSilent({ account: msalAccount, scopes, forceRefresh: true });
      const granted = normalizeScopes(result.scopes);
      if (!extraScopes.every((scope) => granted.includes(scope))) return false;
      await accounts.setScopes(workspaceId, connectedAccountId, normalizeScopes([...account.scopes, ...granted]));
      if (result.expiresOn) this.issued.set(connectedAccountId, { accessToken: result.accessToken, expiresAt: result.expiresOn.getTime() });
      return true;
    } catch (error) {
      if (isConsentMissing(error)) return false;
      throw error;
    }
  }

  /**
   * The claims of the ID token MSAL keeps for the account (Microsoft sends a new one with every refresh). When it is
   * older than `maxAgeMs`, the grant is refreshed first so the claims are current. Null when the account has no
   * credentials, needs reconnecting, or Microsoft sent no ID token.
   */
  async idTokenClaims(workspaceId: string, connectedAccountId: string, maxAgeMs: number): Promise<Record<string, unknown> | null> {
    const account = await this.records.connectedAccounts().findConnectedAccount(workspaceId, connectedAccountId);
    const identity = await this.identities.find(workspaceId, connectedAccountId);
    if (!account || !identity || account.authFailedAt) return null;
    const client = this.msal.create(new VaultTokenCachePlugin(this.vault, workspaceId, connectedAccountId));
    const msalAccount = await client.getTokenCache().getAccountByHomeId(identity.homeAccountId);
    if (!msalAccount) return null;
    const cached = (msalAccount.idTokenClaims ?? null) as Record<string, unknown> | null;
    const issuedAt = typeof cached?.iat === 'number' ? cached.iat * 1000 : 0;
    if (cached && Date.now() - issuedAt <= maxAgeMs) return cached;
    await this.getAccessToken(workspaceId, connectedAccountId, { forceRefresh: true });
    const renewed = await this.msal.create(new VaultTokenCachePlugin(this.vault, workspaceId, connectedAccountId)).getTokenCache().getAccountByHomeId(identity.homeAccountId);
    return (renewed?.idTokenClaims ?? null) as Record<string, unknown> | null;
  }

  /** After a disconnect or a new consent, the token in memory no longer stands for the account. */
  forget(connectedAccountId: string): void {
    this.issued.delete(connectedAccountId);
  }

  private async fail(workspaceId: string, connectedAccountId: string, reason: string): Promise<never> {
    this.logger.warn(`Microsoft account ${connectedAccountId} needs reconnection: ${reason.split('\n')[0]}`);
    await this.records.connectedAccounts().setAuthFailedAt(workspaceId, connectedAccountId, new Date());
    throw new MicrosoftAccountNeedsReconnectException(connectedAccountId, reason);
  }
}

export interface TokenRequestOptions {
  forceRefresh?: boolean;
  /** Only a token this process holds now, or an UNAUTHENTICATED error: never a refresh, nor waiting on one. */
  cachedOnly?: boolean;
  /** With forceRefresh: the token Graph refused. A different token issued since then is used as it is. */
  rejectedToken?: string;
}

function sameScopes(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((scope, index) => scope === b[index]);
}

function isReplacement(cached: string, rejected: string | undefined): boolean {
  return rejected !== undefined && cached !== rejected;
}

// MSAL renews access tokens within 5 minutes of expiry; the memory cache hands out nothing closer to it either.
const RENEWAL_WINDOW_MS = 5 * 60 * 1000;

const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** AADSTS65001: the token request names a scope the user or administrator has not (or no longer) consented to. */
function isConsentMissing(error: unknown): boolean {
  const { errorMessage, message } = (error ?? {}) as { errorMessage?: string; message?: string };
  return /AADSTS65001\b/.test(`${errorMessage ?? ''} ${message ?? ''}`);
}

/** invalid_grant (AADSTS70000, 50173, 700082…) and interaction_required mean no retry can help. */
function isDeadGrant(error: unknown): boolean {
  if (error instanceof InteractionRequiredAuthError) return true;
  return error instanceof ServerError && (error.errorCode === 'invalid_grant' || error.errorCode === 'interaction_required');
}
