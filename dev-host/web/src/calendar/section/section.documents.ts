const EVENT_FIELDS = `id title startsAt endsAt isFullDay timeZone location description isCanceled recurringEventExternalId conferenceLinkUrl
  calendarChannelId calendarExternalId isPrivate isOrganizer organizerName
  participants { handle displayName responseStatus isOrganizer personId }`;

export const SECTION_EVENTS_QUERY = `query CalendarSectionEvents($from: DateTime!, $to: DateTime!) {
  calendarSectionEvents(from: $from, to: $to) { ${EVENT_FIELDS} }
}`;

/** The plugin's account list, only as far as the section needs it: each calendar channel's calendars. */
export const SECTION_CALENDARS_QUERY = `query CalendarSectionCalendars {
  microsoftAccounts { id calendarChannel { id handle calendars { id externalId name color hexColor canEdit isSynced isDefaultCalendar } } }
}`;

export const EVENT_WRITE_STATES_QUERY = `query CalendarEventWriteStates($ids: [ID!]!) {
  microsoftCalendarEventWriteStates(calendarEventIds: $ids) { calendarEventId status message readOnlyReason }
}`;

export const CREATE_EVENT_MUTATION = `mutation CreateCalendarEvent($calendarChannelId: ID!, $calendarExternalId: String, $input: CalendarEventInput!) {
  createCalendarEvent(calendarChannelId: $calendarChannelId, calendarExternalId: $calendarExternalId, input: $input) { id outboundStatus }
}`;

export const UPDATE_EVENT_MUTATION = `mutation UpdateCalendarEvent($id: ID!, $scope: CalendarEventEditScope, $patch: CalendarEventPatch!) {
  updateCalendarEvent(id: $id, scope: $scope, patch: $patch) { id outboundStatus }
}`;

export const DELETE_EVENT_MUTATION = `mutation DeleteCalendarEvent($id: ID!, $scope: CalendarEventEditScope) {
  deleteCalendarEvent(id: $id, scope: $scope)
}`;
