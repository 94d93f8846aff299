const OUTGOING_FIELDS = `id connectedAccountId kind step status subject bodyHtml
  toRecipients { address name } ccRecipients { address name } bccRecipients { address name }
  attachments { id name contentType size status uploadedBytes lastError }
  savedToOutlook savedToOutlookAt queuedUntil sentAt errorCode errorMessage quotedBodyHtml`;
const THREAD_STATE_FIELDS = 'messageThreadId canManage connectedAccountId canSend sendUnavailableReason messageCount unreadCount isRead';

export const COMPOSE_CAPABILITIES_QUERY = `query MicrosoftComposeCapabilities { microsoftComposeCapabilities { connectedAccountId handle canSend canManageMail sendUnavailableReason } }`;
export const OUTGOING_MESSAGE_QUERY = `query MicrosoftOutgoingMessage($id: ID!) { microsoftOutgoingMessage(id: $id) { ${OUTGOING_FIELDS} } }`;
export const CREATE_DRAFT_MUTATION = `mutation CreateMicrosoftDraft($connectedAccountId: ID!, $input: MicrosoftDraftInput!) {
  createMicrosoftDraft(connectedAccountId: $connectedAccountId, input: $input) { ${OUTGOING_FIELDS} }
}`;
export const CREATE_RESPONSE_DRAFT_MUTATION = `mutation CreateMicrosoftResponseDraft($messageId: ID!, $kind: MicrosoftResponseKind!, $input: MicrosoftDraftInput) {
  createMicrosoftResponseDraft(messageId: $messageId, kind: $kind, input: $input) { ${OUTGOING_FIELDS} }
}`;
export const UPDATE_DRAFT_MUTATION = `mutation UpdateMicrosoftDraft($id: ID!, $input: MicrosoftDraftInput!, $overwrite: Boolean) {
  updateMicrosoftDraft(id: $id, input: $input, overwriteOutlookChanges: $overwrite) { ${OUTGOING_FIELDS} }
}`;
export const SEND_DRAFT_MUTATION = `mutation SendMicrosoftDraft($id: ID!) { sendMicrosoftDraft(id: $id) { ${OUTGOING_FIELDS} } }`;
export const DISCARD_DRAFT_MUTATION = `mutation DiscardMicrosoftDraft($id: ID!) { discardMicrosoftDraft(id: $id) { ${OUTGOING_FIELDS} } }`;
export const THREAD_MAIL_STATE_QUERY = `query MicrosoftThreadMailState($id: ID!) { microsoftThreadMailState(messageThreadId: $id) { ${THREAD_STATE_FIELDS} } }`;
export const MARK_THREAD_READ_MUTATION = `mutation MarkMicrosoftThreadRead($id: ID!, $read: Boolean!) { markMicrosoftThreadRead(messageThreadId: $id, read: $read) { ${THREAD_STATE_FIELDS} } }`;
export const ARCHIVE_THREAD_MUTATION = `mutation ArchiveMicrosoftThread($id: ID!) { archiveMicrosoftThread(messageThreadId: $id) { ${THREAD_STATE_FIELDS} } }`;
const OUT_OF_OFFICE_FIELDS = 'available notices { address message startsAt endsAt }';
export const RECIPIENT_SUGGESTIONS_QUERY = `query MicrosoftRecipientSuggestions($search: String!, $connectedAccountId: ID) {
  microsoftRecipientSuggestions(search: $search, connectedAccountId: $connectedAccountId) { usedMicrosoftPeople crmOnlyReason suggestions { address name source personId } }
}`;
export const OUT_OF_OFFICE_QUERY = `query MicrosoftOutOfOffice($addresses: [String!]!, $connectedAccountId: ID) { microsoftOutOfOffice(addresses: $addresses, connectedAccountId: $connectedAccountId) { ${OUT_OF_OFFICE_FIELDS} } }`;
export const PERSON_OUT_OF_OFFICE_QUERY = `query MicrosoftPersonOutOfOffice($personId: ID!) { microsoftPersonOutOfOffice(personId: $personId) { ${OUT_OF_OFFICE_FIELDS} } }`;
export const THREAD_OUT_OF_OFFICE_QUERY = `query MicrosoftThreadOutOfOffice($messageThreadId: ID!) { microsoftThreadOutOfOffice(messageThreadId: $messageThreadId) { ${OUT_OF_OFFICE_FIELDS} } }`;
export const PERSON_EMAIL_QUERY = `query MicrosoftComposePerson($id: ID!) { person(id: $id) { id name { firstName lastName } emails { primaryEmail } } }`;
