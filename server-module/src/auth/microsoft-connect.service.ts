import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticationResult } from '@azure/msal-node';
import {
  ConnectedAccountProvider,
  FEATURE_SCOPES,
  MicrosoftFeature,
  OPTIONAL_GRAPH_SCOPES,
  REQUIRED_GRAPH_SCOPES,
  featureGrants,
  isUserConsentableFeature,
  normalizeScopes,
  type WorkspaceMemberRef,
} from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { MicrosoftIdentityRepository } from '../accounts/microsoft-identity.repository.js';
import { GraphClientFactory } from '../graph/graph-client.factory.js';
import { SecretKind, SecretVaultService } from '../vault/secret-vault.service.js';
import { MsalClientFactory } from './msal-client.factory.js';
import { OAuthStateService, type ConsumedOAuthState } from './oauth-state.service.js';
import { MicrosoftConnectErrorCode, MicrosoftConnectException } from './microsoft-connect.exception.js';
import { MailSyncJobs } from '../mail/mail-sync.job.js';
import { CalendarSyncJobs } from '../calendar/calendar-sync.job.js';
import { ContactChannelRepository } from '../contacts/contact-channel.repository.js';
import { ContactsSyncJobs } from '../contacts/contacts-sync.jobs.js';
import { CONTACTS_SUBSCRIPTION } from '../subscriptions/subscription-kinds.js';
import { SubscriptionJobs } from '../subscriptions/subscription.jobs.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { PluginLogger } from '../logging/plugin-logger.js';
import { AccountPurgeRepository } from '../disconnect/account-purge.repository.js';
import { MicrosoftAccountNotFoundException } from '../accounts/microsoft-account.service.js';

export const CONNECT_SCOPES = [...REQUIRED_GRAPH_SCOPES, ...OPTIONAL_GRAPH_SCOPES];

interface GraphProfile {
  mail?: string | null;
  userPrincipalName?: string | null;
  otherMails?: string[] | null;
}

/** The two halves of "Connect Microsoft": the consent URL, and turning the callback's code into a connected account. */
@Injectable()
export class MicrosoftConnectService {
  private readonly logger = new PluginLogger(MicrosoftConnectService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MsalClientFactory) private readonly msal: MsalClientFactory,
    @Inject(OAuthStateService) private readonly states: OAuthStateService,
    @Inject(SecretVaultService) private readonly vault: SecretVaultService,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(GraphClientFactory) private readonly graph: GraphClientFactory,
    @Inject(MailSyncJobs) private readonly mailSync: MailSyncJobs,
    @Inject(CalendarSyncJobs) private readonly calendarSync: CalendarSyncJobs,
    @Inject(ContactChannelRepository) private readonly contactChannels: ContactChannelRepository,
    @Inject(ContactsSyncJobs) private readonly contactsSync: ContactsSyncJobs,
    @Inject(SubscriptionJobs) private readonly subscriptionJobs: SubscriptionJobs,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
  ) {}

  async startConnect(member: WorkspaceMemberRef, redirectLocation: string | null, loginHint?: string): Promise<{ url: string; nonce: string; expiresAt: Date }> {
    const issued = await this.states.issue(member, 'connect', redirectLocation);
    const url = await this.msal.create().getAuthCodeUrl({
      scopes: CONNECT_SCOPES,
      redirectUri: this.msal.redirectUri,
      state: issued.state,
      codeChallenge: issued.codeChallenge,
      codeChallengeMethod: 'S256',
      prompt: 'select_account',
      ...(loginHint ? { loginHint } : {}),
    });
    return { url, nonce: issued.nonce, expiresAt: issued.expiresAt };
  }

  /**
   * "Enable" on a feature the account lacks: Microsoft is asked for just the feature's missing scopes (incremental
   * consent: the identity platform keeps the existing grant and adds to it), for the account's own sign-in.
   * Throws MicrosoftAccountNotFoundException unless the account is the member's, FeatureNotConsentableException for
   * a feature only an administrator can grant.
   */
  async startEnableFeature(member: WorkspaceMemberRef, connectedAccountId: string, feature: MicrosoftFeature, redirectLocation: string | null): Promise<{ url: string; nonce: string; expiresAt: Date }> {
    const account = await this.records.connectedAccounts().findConnectedAccount(member.workspaceId, connectedAccountId);
    if (!account || account.accountOwnerId !== member.workspaceMemberId || account.provider !== ConnectedAccountProvider.MICROSOFT) throw new MicrosoftAccountNotFoundException();
    if (await this.purges.isDisconnecting(connectedAccountId)) throw new MicrosoftAccountNotFoundException();
    if (!isUserConsentableFeature(feature)) throw new FeatureNotConsentableException(feature);
    const identity = await this.identities.find(member.workspaceId, connectedAccountId);
    const issued = await this.states.issue(member, 'enable-feature', redirectLocation, { connectedAccountId, feature });
    const url = await this.msal.create().getAuthCodeUrl({
      scopes: scopesToAdd(account.scopes, feature),
      redirectUri: this.msal.redirectUri,
      state: issued.state,
      codeChallenge: issued.codeChallenge,
      codeChallengeMethod: 'S256',
      loginHint: identity?.username ?? account.handle,
    });
    return { url, nonce: issued.nonce, expiresAt: issued.expiresAt };
  }

  /** Exchanges the code and records the account; throws MicrosoftConnectException with a reason the user can read. */
  async completeConnect(state: ConsumedOAuthState, code: string): Promise<{ connectedAccountId: string; created: boolean }> {
    const client = this.msal.create();
    const target = state.target;
    const before = target ? await this.records.connectedAccounts().findConnectedAccount(state.workspaceId, target.connectedAccountId) : null;
    if (target && (!before || before.accountOwnerId !== state.workspaceMemberId || (await this.purges.isDisconnecting(before.id)))) {
      throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, 'The account to enable the feature on is no longer connected.');
    }
    const requested = target && before ? scopesToAdd(before.scopes, target.feature) : CONNECT_SCOPES;
    let result: AuthenticationResult;
    try {
      result = await client.acquireTokenByCode({ code, scopes: requested, redirectUri: this.msal.redirectUri, codeVerifier: state.codeVerifier });
    } catch (error) {
      this.logger.warn(`Token exchange refused: ${(error as Error).message.split('\n')[0]}`);
      if ((error as { errorCode?: string }).errorCode === 'invalid_client') {
        throw new MicrosoftConnectException(MicrosoftConnectErrorCode.APP_CREDENTIALS_REFUSED, `Microsoft refused the CRM's app credentials: ${describeMsalError(error)}`);
      }
      throw new MicrosoftConnectException(MicrosoftConnectErrorCode.TOKEN_EXCHANGE_FAILED, `Microsoft refused the sign-in: ${describeMsalError(error)}`);
    }
    if (!result.account) throw new MicrosoftConnectException(MicrosoftConnectErrorCode.TOKEN_EXCHANGE_FAILED, 'Microsoft returned no account.');

    const profile = await this.readProfile(result.accessToken);
    const handle = (profile.mail || profile.userPrincipalName || result.account.username).toLowerCase();
    const aliases = [...new Set([profile.userPrincipalName, result.account.username, ...(profile.otherMails ?? [])]
      .filter((alias): alias is string => Boolean(alias))
      .map((alias) => alias.toLowerCase())
      .filter((alias) => alias !== handle))];
    if (before && before.handle !== handle) {
      throw new MicrosoftConnectException(MicrosoftConnectErrorCode.OTHER_ACCOUNT_SIGNED_IN, `You signed in as ${handle}; sign in as ${before.handle} to enable the feature on that account.`);
    }
    // The token's `scope` is the whole grant: after incremental consent, what the account had plus what was added.
    const scopes = normalizeScopes(result.scopes);
    const grantedNow = featureGrants(scopes).filter((grant) => grant.granted).map((grant) => grant.feature);
    // A new or reconnected account starts every granted feature; "Enable" starts only what it added.
    const grantedBefore = new Set(before ? featureGrants(before.scopes).filter((grant) => grant.granted).map((grant) => grant.feature) : []);
    const granted = new Set(grantedNow.filter((feature) => !grantedBefore.has(feature)));
    const serializedCache = client.getTokenCache().serialize();
    const account = result.account;

    const connected = await this.dataSource.transaction(async (manager) => {
      const accounts = this.records.connectedAccounts(manager);
      const existing = await accounts.findConnectedAccountByHandle(state.workspaceId, ConnectedAccountProvider.MICROSOFT, handle);
      if (existing && (await this.purges.isDisconnecting(existing.id))) {
        throw new MicrosoftConnectException(MicrosoftConnectErrorCode.CONSENT_FAILED, `${handle} is still being disconnected; connect it again in a minute.`);
      }
      if (existing && existing.accountOwnerId !== state.workspaceMemberId) {
        throw new MicrosoftConnectException(MicrosoftConnectErrorCode.ACCOUNT_OWNED_BY_ANOTHER_MEMBER, `${handle} is already connected by another member of this workspace.`);
      }
      const { account: connected, created } = await accounts.upsertConnectedAccount({
        workspaceId: state.workspaceId,
        accountOwnerId: state.workspaceMemberId,
        provider: ConnectedAccountProvider.MICROSOFT,
        handle,
        handleAliases: aliases,
        scopes,
      });
      await accounts.setCredentialsRefreshedAt(state.workspaceId, connected.id, new Date());
      const messageChannel = granted.has(MicrosoftFeature.MAIL_IMPORT) ? await accounts.ensureMessageChannel(state.workspaceId, connected.id, handle) : null;
      // A reconnect revives a channel that failed for want of credentials.
      if (messageChannel && !created) await this.records.messageChannelSyncState(manager).resetToPending(state.workspaceId, messageChannel.id);
      const calendarChannel = granted.has(MicrosoftFeature.CALENDAR) ? await accounts.ensureCalendarChannel(state.workspaceId, connected.id, handle) : null;
      if (calendarChannel && !created) await this.records.calendarChannelSyncState(manager).resetToPending(state.workspaceId, calendarChannel.id);
      await this.identities.upsert(
        {
          connectedAccountId: connected.id,
          workspaceId: state.workspaceId,
          homeAccountId: account.homeAccountId,
          tenantId: account.tenantId,
          objectId: account.localAccountId,
          username: account.username,
        },
        manager,
      );
      await this.vault.put(SecretKind.MSAL_TOKEN_CACHE, connected.id, state.workspaceId, serializedCache, manager);
      const contactChannel = granted.has(MicrosoftFeature.CONTACTS) ? await this.contactChannels.ensure(state.workspaceId, connected.id, manager) : null;
      return { connectedAccountId: connected.id, created, messageChannelId: messageChannel?.id ?? null, calendarChannelId: calendarChannel?.id ?? null, contactChannelId: contactChannel?.id ?? null };
    });
    this.tokens.forget(connected.connectedAccountId);
    if (connected.messageChannelId) {
      await this.mailSync.enqueue(state.workspaceId, connected.messageChannelId);
      await this.subscriptionJobs.requestSubscription({ workspaceId: state.workspaceId, connectedAccountId: connected.connectedAccountId, channelId: connected.messageChannelId, kind: 'mail' });
    }
    if (connected.calendarChannelId) {
      await this.calendarSync.enqueue(state.workspaceId, connected.calendarChannelId);
      await this.subscriptionJobs.requestSubscription({ workspaceId: state.workspaceId, connectedAccountId: connected.connectedAccountId, channelId: connected.calendarChannelId, kind: 'calendar' });
    }
    if (connected.contactChannelId) {
      await this.contactsSync.enqueue(state.workspaceId, connected.contactChannelId, { retryWhenBusy: true });
      await this.subscriptionJobs.requestSubscription({ workspaceId: state.workspaceId, connectedAccountId: connected.connectedAccountId, channelId: connected.contactChannelId, kind: CONTACTS_SUBSCRIPTION.name });
    }
    return { connectedAccountId: connected.connectedAccountId, created: connected.created };
  }

  private async readProfile(accessToken: string): Promise<GraphProfile> {
    try {
      return await this.graph.create(async () => accessToken).api('/me').select(['mail', 'userPrincipalName', 'otherMails']).get();
    } catch (error) {
      throw new MicrosoftConnectException(MicrosoftConnectErrorCode.PROFILE_UNAVAILABLE, `Microsoft Graph did not return your profile: ${(error as Error).message}`);
    }
  }
}

/** Thrown for "Enable" on a feature only a tenant administrator can grant (admin consent). */
export class FeatureNotConsentableException extends Error {
  constructor(feature: MicrosoftFeature) {
    super(`${feature} needs a tenant administrator's consent; it cannot be enabled from here.`);
  }
}

/** The feature's scopes the account lacks; all of them when it lacks none (asking again changes nothing). */
function scopesToAdd(accountScopes: readonly string[], feature: MicrosoftFeature): string[] {
  const granted = new Set(normalizeScopes(accountScopes));
  const missing = FEATURE_SCOPES[feature].filter((scope) => !granted.has(scope));
  return missing.length > 0 ? missing : [...FEATURE_SCOPES[feature]];
}

function describeMsalError(error: unknown): string {
  const { errorCode, errorMessage, message } = error as { errorCode?: string; errorMessage?: string; message?: string };
  const text = (errorMessage || message || 'unknown error').split('\n')[0]!.split(' Trace ID:')[0];
  return errorCode ? `${errorCode} — ${text}` : text!;
}
