import { Module } from '@nestjs/common';
import { CalendarSectionEventsService } from './calendar-section-events.service.js';
import { CalendarSectionResolver } from './calendar-section.resolver.js';

/** The host's Calendar section: the member's own events in a window, for its week and month views. */
@Module({ providers: [CalendarSectionEventsService, CalendarSectionResolver] })
export class CalendarSectionModule {}
