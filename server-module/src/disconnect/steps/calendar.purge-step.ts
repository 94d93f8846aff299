import { Inject, Injectable } from '@nestjs/common';
import { MicrosoftCalendarRepository } from '../../calendar/microsoft-calendar.repository.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

/** Calendar: the calendars discovered, the outbound writes (outbox) and the changeKeys the plugin wrote. */
@Injectable()
export class CalendarPurgeStep implements AccountPurgeStep {
  readonly name = 'calendar';

  constructor(@Inject(MicrosoftCalendarRepository) private readonly calendars: MicrosoftCalendarRepository) {}

  async run(purge: AccountPurge): Promise<void> {
    await this.calendars.deleteForChannels(purge.calendarChannelIds);
  }
}
