const WORKING_PERIOD_FIELDS = `day start end`;
const BOOKING_PAGE_FIELDS = `id connectedAccountId title slug description durationsMinutes locationKind locationDetail timeZone
  workingHours { ${WORKING_PERIOD_FIELDS} }
  bufferBeforeMinutes bufferAfterMinutes minimumNoticeMinutes horizonDays dailyCap busyCalendarIds enabled publicUrl
  teamsAvailable teamsUnavailableReason confirmationsAvailable confirmationsUnavailableReason locationFallback createdAt updatedAt`;

export const BOOKING_ACCOUNTS_QUERY = `query MicrosoftBookingAccounts {
  microsoftAccounts {
    id handle accountType disconnecting features { feature granted missingScopes } teamsMeetings { available reason }
    calendarChannel { id calendars { id name isDefaultCalendar isOwn } }
  }
}`;

export const BOOKING_PAGES_QUERY = `query MicrosoftBookingPages {
  microsoftBookingPages { ${BOOKING_PAGE_FIELDS} }
}`;

export const BOOKING_PAGE_DEFAULTS_QUERY = `query MicrosoftBookingPageDefaults($connectedAccountId: ID!) {
  microsoftBookingPageDefaults(connectedAccountId: $connectedAccountId) {
    timeZone workingHours { ${WORKING_PERIOD_FIELDS} } busyCalendarIds teamsAvailable teamsUnavailableReason
  }
}`;

export const BOOKINGS_QUERY = `query MicrosoftBookings($pageId: ID!) {
  microsoftBookings(pageId: $pageId) { id pageId guestName guestEmail start end status joinUrl createdAt }
}`;

export const CREATE_BOOKING_PAGE_MUTATION = `mutation CreateMicrosoftBookingPage($input: MicrosoftBookingPageInput!) {
  createMicrosoftBookingPage(input: $input) { ${BOOKING_PAGE_FIELDS} }
}`;

export const UPDATE_BOOKING_PAGE_MUTATION = `mutation UpdateMicrosoftBookingPage($id: ID!, $input: MicrosoftBookingPageInput!) {
  updateMicrosoftBookingPage(id: $id, input: $input) { ${BOOKING_PAGE_FIELDS} }
}`;

export const DELETE_BOOKING_PAGE_MUTATION = `mutation DeleteMicrosoftBookingPage($id: ID!) {
  deleteMicrosoftBookingPage(id: $id)
}`;
