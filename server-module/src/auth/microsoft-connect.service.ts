import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticationResult } from '@azure/msal-node';
import {
  ConnectedAccountProvider,
  MicrosoftFeature,
  OPTIONAL_GRAPH_SCOPES,
  REQUIRED_GRAPH_SCOPES,
  featureGrants,
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
import { SubscriptionJobs } from '../subscriptions/subscription.jobs.js';
import { MicrosoftTokenService } from '../tokens/microsoft-token.service.js';
import { PluginLogger } from '../logging/plugin-logger.js';

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
    @Inject(SubscriptionJobs) private readonly subscriptionJobs: SubscriptionJobs,
    @Inject(MicrosoftTokenService) private readonly tokens: MicrosoftTokenService,
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

  /** Exchanges the code and records the account; throws MicrosoftConnectException with a reason the user can read. */
  async completeConnect(state: ConsumedOAuthState, code: string): Promise<{ connectedAccountId: string; created: boolean }> {
    const client = this.msal.create();
    let result: AuthenticationResult;
    try {
      result = await client.acquireTokenByCode({ code, scopes: CONNECT_SCOPES, redirectUri: this.msal.redirectUri, codeVerifier: state.codeVerifier });
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
    const scopes = normalizeScopes(result.scopes);
    const granted = new Set(featureGrants(scopes).filter((grant) => grant.granted).map((grant) => grant.feature));
    const serializedCache = client.getTokenCache().serialize();
    const account = result.account;

    const connected = await this.dataSource.transaction(async (manager) => {
      const accounts = this.records.connectedAccounts(manager);
      const existing = await accounts.findConnectedAccountByHandle(state.workspaceId, ConnectedAccountProvider.MICROSOFT, handle);
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
      return { connectedAccountId: connected.id, created, messageChannelId: messageChannel?.id ?? null, calendarChannelId: calendarChannel?.id ?? null };
    });
    this.tokens.forget(connected.connectedAccountId);
    if (connected.messageChannelId) {
      await this.mailSync.enqueue(state.workspaceId, connected.messageChannelId);
      await this.subscriptionJobs.requestSubscription({ workspaceId: state.workspaceId, connectedAccountId: connected.connectedAccountId, messageChannelId: connected.messageChannelId });
    }
    if (connected.calendarChannelId) await this.calendarSync.enqueue(state.workspaceId, connected.calendarChannelId);
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

function describeMsalError(error: unknown): string {
  const { errorCode, errorMessage, message } = error as { errorCode?: string; errorMessage?: string; message?: string };
  const text = (errorMessage || message || 'unknown error').split('\n')[0]!.split(' Trace ID:')[0];
  return errorCode ? `${errorCode} — ${text}` : text!;
}
