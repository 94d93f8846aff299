import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CalendarChannelSyncStatePort, CalendarEventImportRecordsPort, CalendarEventOutboundRecordsPort, ConnectedAccountRecordsPort, CrmPeopleDirectoryPort, CrmRecordDirectoryPort, MailboxMessageRecordsPort, MessageChannelSyncStatePort, MessageImportRecordsPort, PersonContactRecordsPort, TaskRecordsPort } from '@m365/shared-types';
import { TwentyCalendarChannelSyncStateAdapter } from './twenty/twenty-calendar-channel-sync-state.adapter.js';
import { TwentyCalendarEventImportAdapter } from './twenty/twenty-calendar-event-import.adapter.js';
import { TwentyCalendarEventOutboundAdapter } from './twenty/twenty-calendar-event-outbound.adapter.js';
import { TwentyCrmPeopleDirectoryAdapter } from './twenty/twenty-crm-people-directory.adapter.js';
import { TwentyCrmRecordDirectoryAdapter } from './twenty/twenty-crm-record-directory.adapter.js';
import { TwentyConnectedAccountRecordsAdapter } from './twenty/twenty-connected-account-records.adapter.js';
import { TwentyMessageChannelSyncStateAdapter } from './twenty/twenty-message-channel-sync-state.adapter.js';
import { TwentyMessageImportAdapter } from './twenty/twenty-message-import.adapter.js';
import { TwentyPersonContactRecordsAdapter } from './twenty/twenty-person-contact-records.adapter.js';
import { TwentyTaskRecordsAdapter } from './twenty/twenty-task-records.adapter.js';
import { TwentyMailboxMessageRecordsAdapter } from './twenty/twenty-mailbox-message-records.adapter.js';

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

  messageChannelSyncState(manager: EntityManager = this.dataSource.manager): MessageChannelSyncStatePort {
    return new TwentyMessageChannelSyncStateAdapter(manager);
  }

  mailboxMessages(manager: EntityManager = this.dataSource.manager): MailboxMessageRecordsPort {
    return new TwentyMailboxMessageRecordsAdapter(manager);
  }

  /** A fresh importer per sync run: it caches the workspace's directory of people for that run. */
  messageImport(): MessageImportRecordsPort {
    return new TwentyMessageImportAdapter(this.dataSource);
  }

  calendarChannelSyncState(manager: EntityManager = this.dataSource.manager): CalendarChannelSyncStatePort {
    return new TwentyCalendarChannelSyncStateAdapter(manager);
  }

  /** A fresh importer per sync run, as messageImport. */
  calendarEventImport(): CalendarEventImportRecordsPort {
    return new TwentyCalendarEventImportAdapter(this.dataSource);
  }

  calendarEventOutbound(): CalendarEventOutboundRecordsPort {
    return new TwentyCalendarEventOutboundAdapter(this.dataSource);
  }

  crmPeople(manager: EntityManager = this.dataSource.manager): CrmPeopleDirectoryPort {
    return new TwentyCrmPeopleDirectoryAdapter(manager);
  }

  crmRecords(manager: EntityManager = this.dataSource.manager): CrmRecordDirectoryPort {
    return new TwentyCrmRecordDirectoryAdapter(manager);
  }

  personContacts(): PersonContactRecordsPort {
    return new TwentyPersonContactRecordsAdapter(this.dataSource);
  }

  tasks(): TaskRecordsPort {
    return new TwentyTaskRecordsAdapter(this.dataSource);
  }
}
