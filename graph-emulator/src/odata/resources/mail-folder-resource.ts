import { spec, type ResourceSchema } from '../resource-schema.js';

/**
 * microsoft.graph.mailFolder (v1.0). `wellKnownName` is a beta property; the emulator returns it in v1.0 too
 * (issue 4), so it is listed here to be selectable, filterable and sortable alike.
 */
export const MAIL_FOLDER_RESOURCE: ResourceSchema = {
  type: 'mailFolder',
  properties: [
    spec.scalar('id', 'String'),
    spec.scalar('displayName', 'String'),
    spec.scalar('parentFolderId', 'String'),
    spec.scalar('childFolderCount', 'Int32'),
    spec.scalar('unreadItemCount', 'Int32'),
    spec.scalar('totalItemCount', 'Int32'),
    spec.scalar('isHidden', 'Boolean'),
    spec.scalar('wellKnownName', 'String'),
  ],
  expand: {
    childFolders: 'expanding relationships of mailFolders is not built yet',
    messages: 'expanding relationships of mailFolders is not built yet',
    messageRules: 'it stores no message rules',
    singleValueExtendedProperties: 'it stores no extended properties',
    multiValueExtendedProperties: 'it stores no extended properties',
  },
  search: null,
  defaultTop: 10,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};
