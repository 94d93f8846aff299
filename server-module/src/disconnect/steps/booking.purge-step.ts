import { Inject, Injectable } from '@nestjs/common';
import { BookingPageRepository } from '../../booking/booking-page.repository.js';
import type { AccountPurge } from '../account-purge.repository.js';
import type { AccountPurgeStep } from '../account-purge-step.js';

/** Booking pages: the account's pages and the bookings made on them (they cascade). Outlook keeps the events. */
@Injectable()
export class BookingPurgeStep implements AccountPurgeStep {
  readonly name = 'booking';

  constructor(@Inject(BookingPageRepository) private readonly pages: BookingPageRepository) {}

  async run(purge: AccountPurge): Promise<void> {
    await this.pages.deleteForAccount(purge.workspaceId, purge.connectedAccountId);
  }
}
