import { MicrosoftFeature, featureGrants, type ConnectedAccountRecord, type WorkspaceMemberRef } from '@m365/shared-types';
import type { UsableMicrosoftAccounts } from '../../disconnect/usable-microsoft-accounts.js';
import { ComposeErrorCode, ComposeException } from '../compose.exception.js';

/** The member's own Microsoft account to ask: the one named, or their first; never another member's, never one being disconnected. */
export async function ownMicrosoftAccount(usable: UsableMicrosoftAccounts, member: WorkspaceMemberRef, connectedAccountId?: string | null): Promise<ConnectedAccountRecord | null> {
  const accounts = await usable.list(member);
  if (!connectedAccountId) return accounts[0] ?? null;
  const account = accounts.find((candidate) => candidate.id === connectedAccountId);
  if (!account) throw new ComposeException(ComposeErrorCode.NOT_FOUND, 'No such Microsoft account among yours.');
  return account;
}

export function grants(account: ConnectedAccountRecord, feature: MicrosoftFeature): boolean {
  return account.authFailedAt === null && featureGrants(account.scopes).find((grant) => grant.feature === feature)!.granted;
}

/** getMailTips needs Mail.Read (or a higher mail permission): https://learn.microsoft.com/graph/api/user-getmailtips#permissions */
export function canReadMailTips(account: ConnectedAccountRecord): boolean {
  const held = new Set(account.scopes.map((scope) => scope.toLowerCase()));
  return ['mail.read', 'mail.readwrite', 'mail.read.shared', 'mail.readwrite.shared'].some((scope) => held.has(scope));
}
