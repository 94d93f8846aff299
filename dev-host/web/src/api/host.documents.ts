const MEMBER_FIELDS = 'id workspaceId name { firstName lastName } userEmail avatarUrl';
const PERSON_FIELDS = 'id name { firstName lastName } emails { primaryEmail additionalEmails } phones { primaryPhoneNumber additionalPhones } jobTitle city avatarUrl createdAt company { id name domainName }';
const PARTICIPANT_FIELDS = 'personId workspaceMemberId firstName lastName displayName avatarUrl handle';

export const CURRENT_MEMBER_QUERY = `query CurrentWorkspaceMember { currentWorkspaceMember { ${MEMBER_FIELDS} } }`;
export const SIGN_IN_MUTATION = `mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { ${MEMBER_FIELDS} } }`;
export const SIGN_OUT_MUTATION = 'mutation SignOut { signOut }';

export const PEOPLE_QUERY = `query People($page: Int!, $pageSize: Int!, $search: String) {
  people(page: $page, pageSize: $pageSize, search: $search) { totalCount people { ${PERSON_FIELDS} } }
}`;
export const PERSON_QUERY = `query Person($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } }`;

export const COMPANIES_QUERY = `query Companies($page: Int!, $pageSize: Int!, $search: String) {
  companies(page: $page, pageSize: $pageSize, search: $search) { totalCount companies { id name domainName createdAt } }
}`;
export const COMPANY_QUERY = `query Company($id: ID!) {
  company(id: $id) { id name domainName createdAt people { id name { firstName lastName } jobTitle } }
}`;

const THREAD_FIELDS = `totalNumberOfThreads timelineThreads {
  id read visibility subject lastMessageBody lastMessageReceivedAt numberOfMessagesInThread participantCount
  firstParticipant { ${PARTICIPANT_FIELDS} } lastTwoParticipants { ${PARTICIPANT_FIELDS} }
}`;
export const PERSON_THREADS_QUERY = `query PersonThreads($id: ID!, $page: Int!, $pageSize: Int!) {
  threads: getTimelineThreadsFromPersonId(personId: $id, page: $page, pageSize: $pageSize) { ${THREAD_FIELDS} }
}`;
export const COMPANY_THREADS_QUERY = `query CompanyThreads($id: ID!, $page: Int!, $pageSize: Int!) {
  threads: getTimelineThreadsFromCompanyId(companyId: $id, page: $page, pageSize: $pageSize) { ${THREAD_FIELDS} }
}`;
export const MESSAGE_THREAD_QUERY = `query MessageThread($id: ID!) {
  messageThread(id: $id) {
    id visibility subject
    messages { id receivedAt subject text sender { ${PARTICIPANT_FIELDS} role } participants { ${PARTICIPANT_FIELDS} role } }
  }
}`;

const EVENT_FIELDS = `totalNumberOfCalendarEvents timelineCalendarEvents {
  id title isCanceled isFullDay startsAt endsAt description location conferenceSolution visibility
  conferenceLink { primaryLinkUrl primaryLinkLabel }
  participants { ${PARTICIPANT_FIELDS} isOrganizer responseStatus }
}`;
export const PERSON_EVENTS_QUERY = `query PersonEvents($id: ID!, $page: Int!, $pageSize: Int!) {
  events: getTimelineCalendarEventsFromPersonId(personId: $id, page: $page, pageSize: $pageSize) { ${EVENT_FIELDS} }
}`;
export const COMPANY_EVENTS_QUERY = `query CompanyEvents($id: ID!, $page: Int!, $pageSize: Int!) {
  events: getTimelineCalendarEventsFromCompanyId(companyId: $id, page: $page, pageSize: $pageSize) { ${EVENT_FIELDS} }
}`;
