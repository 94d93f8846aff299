import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { purgeContactsForAccount } from '../../contacts/contacts-disconnect.purge.js';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

/** Contacts: the people the sync created that no member edited, then the contact channel, links, outbox and log. */
@Injectable()
export class ContactsPurgeStep implements AccountPurgeStep {
  readonly name = 'contacts';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    await this.dataSource.transaction((manager) => purgeContactsForAccount(manager, this.records.personContacts(), purge.workspaceId, purge.connectedAccountId));
  }
}
