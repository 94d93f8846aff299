import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FileLinkRepository } from '../../files/file-link.repository.js';
import { TenantAdminConsentRepository } from '../../files/tenant-admin-consent.repository.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

/**
 * Files: the links the account attached to people and companies, and Microsoft's refusal of its admin consent. The
 * files stay in OneDrive and SharePoint; the tenant's consent stays too (it is the organization's, granted at Microsoft).
 */
@Injectable()
export class FilesPurgeStep implements AccountPurgeStep {
  readonly name = 'files';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(FileLinkRepository) private readonly links: FileLinkRepository,
    @Inject(TenantAdminConsentRepository) private readonly consents: TenantAdminConsentRepository,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.links.deleteForAccount(purge.workspaceId, purge.connectedAccountId, manager);
      await this.consents.clearRefusal(purge.connectedAccountId, manager);
    });
  }
}
