import { GraphError } from '../../../errors/error-factory.js';

/** Graph's answers for bad compose and send requests (Outlook's codes, as its REST service names them). */
export const composeErrors = {
  unknownProperty: (name: string, type = 'message') =>
    new GraphError(400, 'RequestBodyRead', `The property '${name}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type.`),
  badValue: (name: string, expected: string) => new GraphError(400, 'RequestBodyRead', `Cannot convert the value of '${name}': ${expected}.`),
  invalidRecipient: (address: string) =>
    new GraphError(400, 'ErrorInvalidRecipients', `At least one recipient is not valid., Recipient '${address}' is not resolved. All recipients must be resolved before a message can be submitted.`),
  noRecipients: () => new GraphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., A message can\'t be sent because it contains no recipients.'),
  // message-createreply.md: "specify either a comment or the body property of the message parameter"; both is a 400.
  commentAndBody: () => new GraphError(400, 'ErrorInvalidRequest', "Specify either 'comment' or the body of 'message', not both."),
  // message-createforward.md: toRecipients or message.toRecipients, not both.
  recipientsTwice: () => new GraphError(400, 'ErrorInvalidRequest', "Specify either 'toRecipients' or 'message.toRecipients', not both."),
  notDraft: () => new GraphError(400, 'ErrorInvalidOperation', 'Only a draft (isDraft true) can be sent.'),
  sendAsDenied: () =>
    new GraphError(403, 'ErrorSendAsDenied', 'The user account which was used to submit this request does not have the right to send mail on behalf of the specified sending account.'),
  messageTooLarge: (size: number, limit: number) =>
    new GraphError(400, 'ErrorMessageSizeExceeded', `The message exceeds the maximum supported size: ${size} bytes, over the mailbox's limit of ${limit} bytes.`),
  // Field reports: Exchange answers a send over the 10,000 recipients a day with ErrorExceededMessageLimit.
  recipientRate: () => new GraphError(403, 'ErrorExceededMessageLimit', 'Cannot send mail. Daily Message/Recipient limit exceeded.'),
  messageRate: (retryAfterSeconds: number) =>
    new GraphError(429, 'TooManyRequests', 'Please retry again later. The mailbox is over its limit of messages sent per minute.', { 'Retry-After': String(retryAfterSeconds) }),
};
