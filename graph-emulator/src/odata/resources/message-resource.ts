import { NOT_STORED, resource, spec } from '../resource-schema.js';

const FOLLOWUP_FLAG = { flagStatus: 'Enum' } as const;
const ITEM_BODY = { contentType: 'Enum', content: 'String' } as const;
const HEADER = { name: 'String', value: 'String' } as const;
const no = { filter: false, sort: false } as const;

/** microsoft.graph.message (v1.0), in Graph's default order; `filter`/`sort` false = the emulator does not (501). */
export const MESSAGE_RESOURCE = resource('message', [
  ...spec.outlookItem(),
  ...spec.scalars('DateTimeOffset', ['receivedDateTime', 'sentDateTime']),
  spec.scalar('hasAttachments', 'Boolean'),
  ...spec.scalars('String', ['internetMessageId', 'subject']),
  spec.scalar('bodyPreview', 'String', no),
  spec.scalar('importance', 'Enum'),
  ...spec.scalars('String', ['parentFolderId', 'conversationId']),
  spec.scalar('conversationIndex', 'String', no),
  ...spec.scalars('Boolean', ['isDeliveryReceiptRequested', 'isReadReceiptRequested', 'isRead', 'isDraft']),
  spec.scalar('webLink', 'String', no),
  spec.scalar('inferenceClassification', 'Enum'),
  spec.complex('body', ITEM_BODY),
  spec.recipient('sender'),
  spec.recipient('from'),
  ...['toRecipients', 'ccRecipients', 'bccRecipients', 'replyTo'].map((name) => spec.recipients(name)),
  spec.complex('flag', FOLLOWUP_FLAG, { filter: true, sort: true }),
  spec.complex('internetMessageHeaders', HEADER, { collection: true, default: false }),
  spec.complex('uniqueBody', ITEM_BODY, { default: false }),
], {
  attachments: null,
  ...NOT_STORED.extensions,
  ...NOT_STORED.extendedProperties,
}, {
  search: 'kql',
  // https://learn.microsoft.com/en-us/graph/search-query-parameter#using-search-on-message-collections
  searchMaxResults: 1000,
  orderbyLeadsFilter: true,
});
