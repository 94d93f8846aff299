import type { Provider } from '@nestjs/common';
import { BookingAccountService } from './booking-account.service.js';
import { BookingAvailabilityService } from './booking-availability.service.js';
import { BookingFreeBusyClient } from './booking-free-busy.client.js';
import { BookingPageRepository } from './booking-page.repository.js';
import { BookingPageService } from './booking-page.service.js';
import { BookingRepository } from './booking.repository.js';
import { BookingResolver } from './booking.resolver.js';
import { FreeBusyCache } from './free-busy.cache.js';
import { BookingConfirmationMailer } from './booking-confirmation.mailer.js';
import { BookingService } from './booking.service.js';
import type { MicrosoftPluginConfig } from '../config/microsoft-plugin-config.js';
import { MICROSOFT_PLUGIN_CONFIG } from '../config/microsoft-plugin-config.token.js';
import { BookingRateLimiter } from './public/booking-rate-limiter.js';
import { createBookingRateLimiter } from './public/create-booking-rate-limiter.js';
import { BookingEventClient } from './booking-event.client.js';
import { BookingManageService } from './booking-manage.service.js';

/** Booking pages: Settings' GraphQL, the public page's services. */
export const bookingProviders: Provider[] = [
  BookingPageRepository,
  BookingRepository,
  BookingAccountService,
  BookingFreeBusyClient,
  FreeBusyCache,
  BookingAvailabilityService,
  BookingPageService,
  BookingResolver,
  BookingConfirmationMailer,
  BookingService,
  { provide: BookingRateLimiter, useFactory: (config: MicrosoftPluginConfig) => createBookingRateLimiter(config), inject: [MICROSOFT_PLUGIN_CONFIG] },
  BookingEventClient,
  BookingManageService,
];
