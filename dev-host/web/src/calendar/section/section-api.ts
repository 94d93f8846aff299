import { graphql, GraphqlRequestError } from '../../api/graphql-client';
import {
  CREATE_EVENT_MUTATION,
  DELETE_EVENT_MUTATION,
  EVENT_WRITE_STATES_QUERY,
  SECTION_CALENDARS_QUERY,
  SECTION_EVENTS_QUERY,
  UPDATE_EVENT_MUTATION,
} from './section.documents';
import type { CalendarEventInput, CalendarEventPatch, EditScope, EventWriteState, SectionCalendarChannel, SectionEvent, WriteResult } from './section.types';

export async function loadSectionEvents(from: Date, to: Date): Promise<SectionEvent[]> {
  return (await graphql<{ calendarSectionEvents: SectionEvent[] }>(SECTION_EVENTS_QUERY, { from: from.toISOString(), to: to.toISOString() })).calendarSectionEvents;
}

export async function loadSectionCalendarChannels(): Promise<SectionCalendarChannel[]> {
  const { microsoftAccounts } = await graphql<{ microsoftAccounts: Array<{ calendarChannel: SectionCalendarChannel | null }> }>(SECTION_CALENDARS_QUERY);
  return microsoftAccounts.flatMap((account) => (account.calendarChannel ? [account.calendarChannel] : []));
}

// Whether the server has the write-state query at all: a server without the calendar write-back answers a
// validation error, and the section then shows no write states instead of asking again on every refresh.
let writeStatesServed = true;

const isMissingField = (error: unknown) => error instanceof GraphqlRequestError && (error.code === 'GRAPHQL_VALIDATION_FAILED' || /Cannot query field/.test(error.message));

export async function loadWriteStates(calendarEventIds: string[]): Promise<EventWriteState[]> {
  if (!writeStatesServed || calendarEventIds.length === 0) return [];
  try {
    return (await graphql<{ microsoftCalendarEventWriteStates: EventWriteState[] }>(EVENT_WRITE_STATES_QUERY, { ids: calendarEventIds })).microsoftCalendarEventWriteStates;
  } catch (error) {
    if (isMissingField(error)) {
      writeStatesServed = false;
      return [];
    }
    throw error;
  }
}

/** A server without the calendar write-back refuses the write mutations' types: say so in words. */
async function write<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error instanceof GraphqlRequestError && /Unknown type "CalendarEvent|Cannot query field "(create|update|delete)CalendarEvent/.test(error.message))) {
      throw new Error('This server cannot write events to Outlook yet (its calendar write-back is not installed).');
    }
    throw error;
  }
}

export async function createSectionEvent(calendarChannelId: string, calendarExternalId: string | null, input: CalendarEventInput): Promise<WriteResult> {
  return write(async () => (await graphql<{ createCalendarEvent: WriteResult }>(CREATE_EVENT_MUTATION, { calendarChannelId, calendarExternalId, input })).createCalendarEvent);
}

export async function updateSectionEvent(id: string, scope: EditScope, patch: CalendarEventPatch): Promise<WriteResult> {
  return write(async () => (await graphql<{ updateCalendarEvent: WriteResult }>(UPDATE_EVENT_MUTATION, { id, scope, patch })).updateCalendarEvent);
}

export async function deleteSectionEvent(id: string, scope: EditScope): Promise<boolean> {
  return write(async () => (await graphql<{ deleteCalendarEvent: boolean }>(DELETE_EVENT_MUTATION, { id, scope })).deleteCalendarEvent);
}
