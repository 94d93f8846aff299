export const SCHEDULING_ACCOUNTS_QUERY = `query MicrosoftSchedulingAccounts {
  microsoftAccounts { id handle accountType features { feature granted missingScopes } teamsMeetings { available reason } }
}`;
export const AVAILABILITY_QUERY = `query MicrosoftAvailability($connectedAccountId: ID!, $start: DateTime!, $end: DateTime!, $attendeeEmails: [String!]!, $intervalMinutes: Int) {
  microsoftAvailability(connectedAccountId: $connectedAccountId, start: $start, end: $end, attendeeEmails: $attendeeEmails, intervalMinutes: $intervalMinutes) {
    email known busy { start end status } workingHours { daysOfWeek startTime endTime timeZone }
  }
}`;
export const FIND_MEETING_TIMES_QUERY = `query MicrosoftFindMeetingTimes($connectedAccountId: ID!, $durationMinutes: Int!, $attendeeEmails: [String!]!, $from: DateTime!, $count: Int) {
  microsoftFindMeetingTimes(connectedAccountId: $connectedAccountId, durationMinutes: $durationMinutes, attendeeEmails: $attendeeEmails, from: $from, count: $count) { start end }
}`;
export const SCHEDULE_MEETING_MUTATION = `mutation ScheduleMicrosoftMeeting($input: ScheduleMicrosoftMeetingInput!) {
  scheduleMicrosoftMeeting(input: $input) { outlookEventId subject start end isOnlineMeeting joinUrl attendeeEmails }
}`;
export const CREATE_TEAMS_LINK_MUTATION = `mutation CreateMicrosoftTeamsLink($connectedAccountId: ID!, $subject: String) {
  createMicrosoftTeamsLink(connectedAccountId: $connectedAccountId, subject: $subject) { joinWebUrl joinMeetingId passcode }
}`;
export const RECORD_PEOPLE_QUERY = {
  person: `query MicrosoftSchedulePerson($id: ID!) { person(id: $id) { id name { firstName lastName } emails { primaryEmail } } }`,
  company: `query MicrosoftScheduleCompany($id: ID!) { company(id: $id) { id name people { id name { firstName lastName } emails { primaryEmail } } } }`,
} as const;
