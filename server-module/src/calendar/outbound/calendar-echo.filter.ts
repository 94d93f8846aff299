import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { GraphEvent } from '../graph-event.mapper.js';
import { CalendarOutboxRepository, echoKey } from './calendar-outbox.repository.js';

/**
 * Recognises, in what the import reads, the plugin's own writes coming back (same event, same changeKey): the CRM
 * already holds what they say, so they are not applied again. Keeps the changeKeys the import saw for the next
 * write's If-Match.
 */
@Injectable()
export class CalendarEchoFilter {
  /** Echoes recognised and skipped since the process started (tests and the benchmark read it). */
  skipped = 0;

  constructor(@Inject(CalendarOutboxRepository) private readonly outbox: CalendarOutboxRepository) {}

  /** Given the page's transaction once its events are locked: a write holding an event's lock has committed by then. */
  async echoedIds(calendarChannelId: string, events: GraphEvent[], transaction?: EntityManager): Promise<Set<string>> {
    const keyed = events.filter((event) => event.changeKey).map((event) => ({ eventExternalId: event.id, changeKey: event.changeKey! }));
    const written = await this.outbox.writtenByPlugin(calendarChannelId, keyed, transaction);
    const echoed = new Set(keyed.filter((key) => written.has(echoKey(key.eventExternalId, key.changeKey))).map((key) => key.eventExternalId));
    this.skipped += echoed.size;
    return echoed;
  }

  /** Of a page's events, those the CRM deleted: a page read before Outlook had the delete must not bring them back. */
  async deletedInCrm(calendarChannelId: string, events: Array<{ externalId: string; recurringEventExternalId: string | null }>, transaction: EntityManager): Promise<Set<string>> {
    return this.outbox.deletedInCrm(calendarChannelId, events, transaction);
  }

  /** To be taken before a page is read from Graph, for `overtaken`. */
  async readStarted(): Promise<Date> {
    return this.outbox.clock();
  }

  /**
   * Of a page's events, those a write of the plugin's overtook: acknowledged after the page was read (the page then
   * waited on the write's lock), so the page may carry the version from before it. They are read again instead.
   */
  async overtaken(calendarChannelId: string, events: GraphEvent[], readAt: Date, transaction: EntityManager): Promise<Set<string>> {
    return this.outbox.writtenByPluginSince(calendarChannelId, events.map((event) => ({ eventExternalId: event.id, changeKey: event.changeKey ?? null })), readAt, transaction);
  }

  async recordSeen(calendarChannelId: string, events: GraphEvent[], transaction: EntityManager): Promise<void> {
    const keyed = events.filter((event) => event.changeKey).map((event) => ({ eventExternalId: event.id, changeKey: event.changeKey! }));
    await this.outbox.recordChangeKeys(calendarChannelId, keyed, false, transaction);
  }
}
