import { Inject, Injectable } from '@nestjs/common';
import { FEATURE_SCOPES, isFeatureGranted, normalizeScopes, type MicrosoftFeature } from '@m365/shared-types';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { MicrosoftGraphErrorKind, MicrosoftGraphException } from '../graph/microsoft-graph.exception.js';
import { AccountPurgeRepository } from '../disconnect/account-purge.repository.js';

/** The Graph code a refusal by the gate carries: no request went to Microsoft. */
export const FEATURE_NOT_GRANTED = 'FeatureNotGranted';
/** The code of a refusal because the account is being disconnected: nothing may call Graph for it any more. */
export const ACCOUNT_DISCONNECTING = 'AccountDisconnecting';

/**
 * The one place that decides whether an account's grant allows a feature, from the scope → feature catalogue in
 * shared-types and the scopes Microsoft last granted (kept current from each token's `scope`). Every path that is
 * about to call Graph for a feature asks here first, so no call is made that the grant cannot allow.
 */
@Injectable()
export class FeatureGate {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
  ) {}

  /** False for every feature of an account being disconnected. */
  async isGranted(workspaceId: string, connectedAccountId: string, feature: MicrosoftFeature): Promise<boolean> {
    const account = await this.records.connectedAccounts().findConnectedAccount(workspaceId, connectedAccountId);
    return account !== null && isFeatureGranted(account.scopes, feature) && !(await this.purges.isDisconnecting(connectedAccountId));
  }

  /** A channel of an account being disconnected: no pass may start on it (the purge holds its lease, unless its process died). */
  isChannelDisconnecting(channelId: string): Promise<boolean> {
    return this.purges.isChannelDisconnecting(channelId);
  }

  /** Why the grant does not allow the feature (the scopes it lacks), or null when it does. */
  async deniedReason(workspaceId: string, connectedAccountId: string, feature: MicrosoftFeature): Promise<string | null> {
    if (await this.purges.isDisconnecting(connectedAccountId)) return 'The account is being disconnected';
    const account = await this.records.connectedAccounts().findConnectedAccount(workspaceId, connectedAccountId);
    const granted = new Set(normalizeScopes(account?.scopes ?? []));
    const missing = FEATURE_SCOPES[feature].filter((scope) => !granted.has(scope));
    return missing.length === 0 ? null : `The account has not granted ${missing.join(', ')}; enable the feature in Settings → Accounts`;
  }

  /** Throws an INSUFFICIENT_PERMISSIONS MicrosoftGraphException (code FeatureNotGranted) when the grant lacks the feature's scopes. */
  async assertGranted(workspaceId: string, connectedAccountId: string, feature: MicrosoftFeature): Promise<void> {
    if (await this.purges.isDisconnecting(connectedAccountId)) {
      throw new MicrosoftGraphException(MicrosoftGraphErrorKind.INSUFFICIENT_PERMISSIONS, `${ACCOUNT_DISCONNECTING}: the account is being disconnected`, null, ACCOUNT_DISCONNECTING);
    }
    const reason = await this.deniedReason(workspaceId, connectedAccountId, feature);
    if (reason === null) return;
    throw new MicrosoftGraphException(
      MicrosoftGraphErrorKind.INSUFFICIENT_PERMISSIONS,
      `${FEATURE_NOT_GRANTED}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
      null,
      FEATURE_NOT_GRANTED,
    );
  }
}
