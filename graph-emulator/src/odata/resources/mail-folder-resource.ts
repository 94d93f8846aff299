import { NOT_STORED, resource, spec } from '../resource-schema.js';

/**
 * microsoft.graph.mailFolder (v1.0). `wellKnownName` is a beta property; the emulator returns it in v1.0 too
 * (issue 4), so it is listed here to be selectable, filterable and sortable alike.
 */
export const MAIL_FOLDER_RESOURCE = resource('mailFolder', [
  ...spec.scalars('String', ['id', 'displayName', 'parentFolderId']),
  ...spec.scalars('Int32', ['childFolderCount', 'unreadItemCount', 'totalItemCount']),
  spec.scalar('isHidden', 'Boolean'),
  spec.scalar('wellKnownName', 'String'),
], {
  childFolders: 'expanding relationships of mailFolders is not built yet',
  messages: 'expanding relationships of mailFolders is not built yet',
  messageRules: 'it stores no message rules',
  ...NOT_STORED.extendedProperties,
});
