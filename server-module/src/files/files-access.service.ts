import { Inject, Injectable } from '@nestjs/common';
import { ConnectedAccountProvider, MicrosoftFeature, PERSONAL_ACCOUNT_TENANT_ID, type ConnectedAccountRecord, type WorkspaceMemberRef } from '@m365/shared-types';
import { FeatureGate } from '../accounts/feature-gate.js';
import { MicrosoftIdentityRepository } from '../accounts/microsoft-identity.repository.js';
import { HostRecordsFactory } from '../host-adapters/host-records.factory.js';
import { FilesErrorCode, FilesException } from './files.exception.js';

export interface FilesAccount {
  account: ConnectedAccountRecord;
  tenantId: string | null;
  isPersonal: boolean;
  username: string;
}

/** Browsing and attaching use the member's own account, with its grant: Files.ReadWrite, and Sites.Read.All for SharePoint. */
@Injectable()
export class FilesAccessService {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(MicrosoftIdentityRepository) private readonly identities: MicrosoftIdentityRepository,
    @Inject(FeatureGate) private readonly gate: FeatureGate,
  ) {}

  async ownAccount(member: WorkspaceMemberRef, connectedAccountId: string): Promise<FilesAccount> {
    const accounts = await this.records.connectedAccounts().listConnectedAccounts(member.workspaceId, member.workspaceMemberId, ConnectedAccountProvider.MICROSOFT);
    const account = accounts.find((candidate) => candidate.id === connectedAccountId);
    if (!account) throw new FilesException(FilesErrorCode.NOT_FOUND, 'No such Microsoft account among yours.');
    const identity = await this.identities.find(member.workspaceId, connectedAccountId);
    const tenantId = identity?.tenantId ?? null;
    return { account, tenantId, isPersonal: tenantId === PERSONAL_ACCOUNT_TENANT_ID, username: identity?.username ?? account.handle };
  }

  /** The member's own account with OneDrive granted; FilesException NOT_GRANTED with the reason otherwise. */
  async withFiles(member: WorkspaceMemberRef, connectedAccountId: string): Promise<FilesAccount> {
    const owned = await this.ownAccount(member, connectedAccountId);
    const reason = await this.gate.deniedReason(member.workspaceId, connectedAccountId, MicrosoftFeature.FILES);
    if (reason) throw new FilesException(FilesErrorCode.NOT_GRANTED, reason);
    return owned;
  }

  /** Why SharePoint is not open to this account now, or null. */
  async sharePointDenied(member: WorkspaceMemberRef, owned: FilesAccount): Promise<string | null> {
    if (owned.isPersonal) return 'Personal Microsoft accounts have no SharePoint';
    return this.gate.deniedReason(member.workspaceId, owned.account.id, MicrosoftFeature.SHAREPOINT);
  }

  async withSharePoint(member: WorkspaceMemberRef, connectedAccountId: string): Promise<FilesAccount> {
    const owned = await this.withFiles(member, connectedAccountId);
    const reason = await this.sharePointDenied(member, owned);
    if (reason) throw new FilesException(owned.isPersonal ? FilesErrorCode.PERSONAL_ACCOUNT : FilesErrorCode.NOT_GRANTED, reason);
    return owned;
  }
}
