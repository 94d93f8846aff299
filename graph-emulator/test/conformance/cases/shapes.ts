// Shapes several cases share, from Microsoft's resource pages and error reference.
import { each, eq, like, optional, type ConformanceCase, type Shape } from '../conformance-case.js';

/** Graph dates in examples: UTC, to the second (message times) or with fractions (subscriptions). */
export const DATE_TIME = like(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?Z$/);

/** Graph answers JSON with an application/json type (parameters such as odata.metadata may follow). */
export const JSON_HEADERS = { 'content-type': /^application\/json/ };

/** https://learn.microsoft.com/graph/errors — the error object and its innerError (date, request-id; client-request-id when sent). */
export const GRAPH_ERROR: Shape = {
  error: {
    code: 'string',
    message: 'string',
    // Graph writes this date in UTC without an offset (2026-01-31T12:00:00).
    innerError: { date: like(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/), 'request-id': 'string', 'client-request-id': optional('string') },
  },
};

export const notImplementedError = (): Shape => ({ error: { ...(GRAPH_ERROR.error as Shape), code: eq('NotImplemented') } });

/** Cases for documented routes the emulator answers 501 NotImplemented, each with the reason it gives. */
export const refused = (cases: Omit<ConformanceCase, 'expect'>[]): ConformanceCase[] =>
  cases.map((testCase) => ({ ...testCase, expect: { status: 501, headers: JSON_HEADERS, body: notImplementedError() } }));

/** https://learn.microsoft.com/graph/api/resources/outlookitem — what messages, events and contacts open with (and their etag). */
export const OUTLOOK_ITEM: Shape = {
  '@odata.etag': like(/^W\/".+"$/),
  id: 'string',
  createdDateTime: DATE_TIME,
  lastModifiedDateTime: DATE_TIME,
  changeKey: 'string',
  categories: 'array',
};

/** https://learn.microsoft.com/graph/api/resources/recipient */
export const RECIPIENT: Shape = { emailAddress: { name: 'string', address: 'string' } };

/** https://learn.microsoft.com/graph/api/resources/mailfolder — the properties the List and Get examples show. */
export const MAIL_FOLDER: Shape = {
  id: 'string',
  displayName: 'string',
  parentFolderId: 'string',
  childFolderCount: 'integer',
  unreadItemCount: 'integer',
  totalItemCount: 'integer',
  isHidden: 'boolean',
};

/** https://learn.microsoft.com/graph/api/message-get — the default properties of its first example. */
export const MESSAGE: Shape = {
  ...OUTLOOK_ITEM,
  receivedDateTime: DATE_TIME,
  sentDateTime: DATE_TIME,
  hasAttachments: 'boolean',
  internetMessageId: 'string',
  subject: 'string',
  bodyPreview: 'string',
  importance: 'string',
  parentFolderId: 'string',
  conversationId: 'string',
  isDeliveryReceiptRequested: 'boolean|null',
  isReadReceiptRequested: 'boolean',
  isRead: 'boolean',
  isDraft: 'boolean',
  webLink: 'string',
  inferenceClassification: 'string',
  body: { contentType: 'string', content: 'string' },
  sender: RECIPIENT,
  from: RECIPIENT,
  toRecipients: each(RECIPIENT),
  ccRecipients: 'array',
  bccRecipients: 'array',
  replyTo: 'array',
  flag: { flagStatus: 'string' },
};

/** https://learn.microsoft.com/graph/api/resources/subscription — as the Create and List examples show it. */
export const SUBSCRIPTION: Shape = {
  id: 'string',
  resource: 'string',
  applicationId: 'string',
  changeType: 'string',
  clientState: 'string|null',
  notificationUrl: 'string',
  lifecycleNotificationUrl: optional('string|null'),
  expirationDateTime: DATE_TIME,
  creatorId: 'string',
  latestSupportedTlsVersion: 'string',
  includeResourceData: optional('boolean'),
  encryptionCertificate: optional('string|null'),
  encryptionCertificateId: optional('string|null'),
  notificationContentType: 'string',
};

/** The identity platform's token error body (the authorization-code flow's error response). */
export const TOKEN_ERROR: Shape = {
  error: 'string',
  // The description ends in the trace, correlation and time lines, CRLF-separated.
  error_description: like(/^AADSTS\d+: [^]*\r\nTrace ID: [-0-9a-f]{36}\r\nCorrelation ID: [-0-9a-f]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
  error_codes: each('integer'),
  timestamp: like(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
  trace_id: like(/^[-0-9a-f]{36}$/),
  correlation_id: like(/^[-0-9a-f]{36}$/),
};
