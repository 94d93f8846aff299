import { Module } from '@nestjs/common';
import { TimelineCalendarEventsService } from './timeline-calendar-events.service.js';
import { TimelineResolver } from './timeline.resolver.js';
import { TimelineThreadsService } from './timeline-threads.service.js';

@Module({ providers: [TimelineThreadsService, TimelineCalendarEventsService, TimelineResolver] })
export class TimelineModule {}
