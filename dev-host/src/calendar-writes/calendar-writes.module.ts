import { Module } from '@nestjs/common';
import { CalendarWritesResolver } from './calendar-writes.resolver.js';
import { CalendarWritesService } from './calendar-writes.service.js';

@Module({ providers: [CalendarWritesService, CalendarWritesResolver] })
export class CalendarWritesModule {}
