import { spec, type ResourceSchema } from '../resource-schema.js';

const FOLLOWUP_FLAG = { flagStatus: 'Enum' } as const;
const ITEM_BODY = { contentType: 'Enum', content: 'String' } as const;
const HEADER = { name: 'String', value: 'String' } as const;

/** microsoft.graph.message (v1.0), in Graph's default order; `filter`/`sort` false = the emulator does not (501). */
export const MESSAGE_RESOURCE: ResourceSchema = {
  type: 'message',
  properties: [
    spec.scalar('id', 'String'),
    spec.scalar('createdDateTime', 'DateTimeOffset'),
    spec.scalar('lastModifiedDateTime', 'DateTimeOffset'),
    spec.scalar('changeKey', 'String'),
    spec.scalar('categories', 'String', { collection: true, sort: false }),
    spec.scalar('receivedDateTime', 'DateTimeOffset'),
    spec.scalar('sentDateTime', 'DateTimeOffset'),
    spec.scalar('hasAttachments', 'Boolean'),
    spec.scalar('internetMessageId', 'String'),
    spec.scalar('subject', 'String'),
    spec.scalar('bodyPreview', 'String', { filter: false, sort: false }),
    spec.scalar('importance', 'Enum'),
    spec.scalar('parentFolderId', 'String'),
    spec.scalar('conversationId', 'String'),
    spec.scalar('conversationIndex', 'String', { filter: false, sort: false }),
    spec.scalar('isDeliveryReceiptRequested', 'Boolean'),
    spec.scalar('isReadReceiptRequested', 'Boolean'),
    spec.scalar('isRead', 'Boolean'),
    spec.scalar('isDraft', 'Boolean'),
    spec.scalar('webLink', 'String', { filter: false, sort: false }),
    spec.scalar('inferenceClassification', 'Enum'),
    spec.complex('body', ITEM_BODY),
    spec.recipient('sender'),
    spec.recipient('from'),
    spec.recipients('toRecipients'),
    spec.recipients('ccRecipients'),
    spec.recipients('bccRecipients'),
    spec.recipients('replyTo'),
    spec.complex('flag', FOLLOWUP_FLAG, { filter: true, sort: true }),
    spec.complex('internetMessageHeaders', HEADER, { collection: true, default: false }),
    spec.complex('uniqueBody', ITEM_BODY, { default: false }),
  ],
  expand: {
    attachments: null,
    extensions: 'it stores no open extensions',
    singleValueExtendedProperties: 'it stores no extended properties',
    multiValueExtendedProperties: 'it stores no extended properties',
  },
  search: 'kql',
  // https://learn.microsoft.com/en-us/graph/search-query-parameter#using-search-on-message-collections
  searchMaxResults: 1000,
  defaultTop: 10,
  maxTop: 1000,
  orderbyLeadsFilter: true,
};
