import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ConnectedAccountRecordsPort } from '@m365/shared-types';
import { TwentyConnectedAccountRecordsAdapter } from './twenty/twenty-connected-account-records.adapter.js';

/**
 * Gives the plugin the host's record ports, bound to a transaction when one is passed.
 * This default speaks the Twenty-style schema; another host provides its own class under the same token.
 */
@Injectable()
export class HostRecordsFactory {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  connectedAccounts(manager: EntityManager = this.dataSource.manager): ConnectedAccountRecordsPort {
    return new TwentyConnectedAccountRecordsAdapter(manager);
  }
}
