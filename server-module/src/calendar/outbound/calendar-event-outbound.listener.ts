import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CalendarEventChangeKind,
  CalendarEventEditScope,
  CalendarEventWriteStatus,
  type CalendarEventChange,
  type CalendarEventFields,
  type CalendarEventOutboundPort,
  type OutboundCalendarEventTarget,
  type RecordedCalendarEventChange,
} from '@m365/shared-types';
import { HostRecordsFactory } from '../../host-adapters/host-records.factory.js';
import { MicrosoftCalendarRepository } from '../microsoft-calendar.repository.js';
import { AccountPurgeRepository } from '../../disconnect/account-purge.repository.js';
import { CalendarOutboxRepository, type StoredFields } from './calendar-outbox.repository.js';
import { CalendarOutboundJobs } from './calendar-outbound.jobs.js';
import { TIME_FIELDS } from './graph-event-payload.js';

export const sharedCalendarReadOnly = (name: string) => `${name} is shared with you read only`;
export const UNKNOWN_CALENDAR = 'This calendar is not one the account has (as of its last sync)';
export const ACCOUNT_BEING_DISCONNECTED = 'This calendar\'s account is being disconnected';
export const organisedBySomeoneElse = (name: string) => `Organised by ${name}: only the organiser can change it`;

export function toStoredFields(fields: CalendarEventFields): StoredFields {
  const { startsAt, endsAt, ...rest } = fields;
  const stored: StoredFields = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  if (startsAt) stored.startsAt = startsAt.toISOString();
  if (endsAt) stored.endsAt = endsAt.toISOString();
  return stored;
}

/**
 * The plugin's side of the host's calendar change port: each CRM change becomes an outbox row in the host's own
 * transaction; `dispatch`, after the host's commit, starts the job that writes it to Outlook.
 */
@Injectable()
export class CalendarEventOutboundListener implements CalendarEventOutboundPort {
  constructor(
    @Inject(HostRecordsFactory) private readonly records: HostRecordsFactory,
    @Inject(MicrosoftCalendarRepository) private readonly calendars: MicrosoftCalendarRepository,
    @Inject(CalendarOutboxRepository) private readonly outbox: CalendarOutboxRepository,
    @Inject(CalendarOutboundJobs) private readonly jobs: CalendarOutboundJobs,
    @Inject(AccountPurgeRepository) private readonly purges: AccountPurgeRepository,
  ) {}

  async readOnlyReason(request: { transaction?: unknown; workspaceId: string; calendarChannelId: string; calendarEventId?: string; calendarExternalId?: string | null }): Promise<string | null> {
    const manager = request.transaction as EntityManager | undefined;
    // Nothing is written for an account being purged: its outbox is about to go, and with it any row added now.
    if (await this.purges.isChannelDisconnecting(request.calendarChannelId, manager)) return ACCOUNT_BEING_DISCONNECTED;
    if (request.calendarEventId) {
      const target = await this.records.calendarEventOutbound().findTarget(request.workspaceId, request.calendarChannelId, request.calendarEventId, manager);
      return target ? this.targetReadOnlyReason(target, manager) : null;
    }
    const calendar = await this.calendarOf(request.calendarChannelId, request.calendarExternalId ?? null, manager);
    if (!calendar && request.calendarExternalId) return UNKNOWN_CALENDAR;
    return calendar && !calendar.canEdit ? sharedCalendarReadOnly(calendar.name) : null;
  }

  async targetReadOnlyReason(target: OutboundCalendarEventTarget, manager?: EntityManager): Promise<string | null> {
    const calendar = await this.calendarOf(target.calendarChannelId, target.calendarExternalId, manager);
    if (calendar && !calendar.canEdit) return sharedCalendarReadOnly(calendar.name);
    if (target.organizer && !target.ownHandles.includes(target.organizer.handle)) return organisedBySomeoneElse(target.organizer.displayName || target.organizer.handle);
    return null;
  }

  async recordChange(change: CalendarEventChange): Promise<RecordedCalendarEventChange> {
    const manager = change.transaction as EntityManager;
    const base = {
      workspaceId: change.workspaceId,
      workspaceMemberId: change.workspaceMemberId,
      calendarChannelId: change.calendarChannelId,
      calendarEventId: change.calendarEventId,
      kind: change.kind,
      editedAt: change.editedAt,
    };
    if (change.kind === CalendarEventChangeKind.CREATED) {
      const calendar = await this.calendarOf(change.calendarChannelId, change.calendarExternalId, manager);
      await this.outbox.insert(manager, {
        ...base,
        scope: CalendarEventEditScope.THIS_EVENT,
        calendarExternalId: calendar?.externalId ?? change.calendarExternalId,
        eventExternalId: null,
        recurringEventExternalId: null,
        baseChangeKey: null,
        fields: toStoredFields(change.fields),
        previous: {},
      });
    } else {
      const target = await this.records.calendarEventOutbound().findTarget(change.workspaceId, change.calendarChannelId, change.calendarEventId, manager);
      if (!target) throw new Error(`Calendar event ${change.calendarEventId} is not in calendar channel ${change.calendarChannelId}`);
      let fields: StoredFields = {};
      let previous: StoredFields = {};
      if (change.kind === CalendarEventChangeKind.UPDATED) {
        fields = toStoredFields(change.fields);
        previous = toStoredFields(change.previous);
        // Outlook takes a start and an end together, in one zone: a time edit carries the whole time group as it now is.
        if (TIME_FIELDS.some((key) => fields[key] !== undefined)) {
          const now = toStoredFields({ startsAt: target.startsAt ?? undefined, endsAt: target.endsAt ?? undefined, isFullDay: target.isFullDay, timeZone: target.timeZone ?? 'UTC' });
          fields = { ...now, ...fields };
          previous = { ...now, ...previous };
        }
      }
      await this.outbox.insert(manager, {
        ...base,
        scope: target.recurringEventExternalId ? change.scope : CalendarEventEditScope.THIS_EVENT,
        calendarExternalId: target.calendarExternalId,
        eventExternalId: target.eventExternalId,
        recurringEventExternalId: target.recurringEventExternalId,
        baseChangeKey: target.eventExternalId ? await this.outbox.latestChangeKey(change.calendarChannelId, target.eventExternalId, manager) : null,
        fields,
        previous,
      });
    }
    return { outboundStatus: CalendarEventWriteStatus.PENDING, dispatch: () => this.jobs.enqueue(change.workspaceId, change.calendarEventId) };
  }

  private async calendarOf(calendarChannelId: string, calendarExternalId: string | null, manager?: EntityManager) {
    const calendars = await this.calendars.list(calendarChannelId, manager);
    return calendars.find((calendar) => (calendarExternalId ? calendar.externalId === calendarExternalId : calendar.isDefaultCalendar)) ?? null;
  }
}
