import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { purgeTodoForAccount } from '../../todo/todo-disconnect.purge.js';
import { SyncLeaseRepository } from '../../sync-leases/sync-lease.repository.js';
import { LEASE_CHECK_EVERY_MS } from '../../sync-leases/sync-lease.constants.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * To Do: the account's synced lists, their cursors and the links of CRM tasks to To Do tasks (both tasks stay). The
 * lists' leases are taken first, so a pass still running in a live process stops at its next check before the rows go.
 */
@Injectable()
export class TodoPurgeStep implements AccountPurgeStep {
  readonly name = 'todo';

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SyncLeaseRepository) private readonly leases: SyncLeaseRepository,
  ) {}

  async run(purge: AccountPurge): Promise<void> {
    const lists: Array<{ id: string }> = await this.dataSource.query(`SELECT "id" FROM "microsoftTodoList" WHERE "workspaceId" = $1 AND "connectedAccountId" = $2`, [purge.workspaceId, purge.connectedAccountId]);
    let interrupted = false;
    for (const list of lists) interrupted = (await this.leases.takeForPurge(purge.workspaceId, list.id, 'todo')) || interrupted;
    if (interrupted) await sleep(2 * LEASE_CHECK_EVERY_MS);
    await this.dataSource.transaction((manager) => purgeTodoForAccount(manager, purge.workspaceId, purge.connectedAccountId));
  }
}
