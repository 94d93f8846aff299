import { spec, type ResourceSchema } from '../resource-schema.js';

/**
 * microsoft.graph.attachment (v1.0), the type an `attachments` collection is of: its own properties only, so
 * `$select=contentBytes` is refused as Graph refuses a derived type's property there. Every stored attachment is a
 * fileAttachment, whose own properties (contentId, contentLocation, contentBytes) come without `$select`.
 */
export const ATTACHMENT_RESOURCE: ResourceSchema = {
  type: 'attachment',
  properties: [
    spec.scalar('id', 'String'),
    spec.scalar('lastModifiedDateTime', 'DateTimeOffset'),
    spec.scalar('name', 'String'),
    spec.scalar('contentType', 'String'),
    spec.scalar('size', 'Int32'),
    spec.scalar('isInline', 'Boolean'),
  ],
  expand: {
    // `$expand=microsoft.graph.itemAttachment/item`: https://learn.microsoft.com/en-us/graph/api/attachment-get
    item: 'it stores file attachments only, no itemAttachment whose item could be expanded',
  },
  search: null,
  defaultTop: 10,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};
