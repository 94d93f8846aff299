import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

/**
 * The host's records the account brought, through the host's port, in one transaction: the connected account, its
 * channels, folders, cursors, and the messages, threads, participants, calendar events and their participants no
 * other channel holds. People and companies stay: they are the CRM's.
 */
@Injectable()
export class HostRecordsPurgeStep implements AccountPurgeStep {
  readonly name = 'host-records';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    await this.dataSource.transaction((manager) => this.records.connectedAccounts(manager).deleteConnectedAccount(purge.workspaceId, purge.connectedAccountId));
  }
}
