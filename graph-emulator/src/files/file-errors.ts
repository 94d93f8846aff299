import { GraphError } from '../errors/error-factory.js';

/** OneDrive's and SharePoint's errors (driveItem pages and the OneDrive error codes): lower camelCase codes. */
export const fileErrors = {
  itemNotFound: () => new GraphError(404, 'itemNotFound', 'The resource could not be found.'),
  accessDenied: (why = 'The caller does not have permission to perform the action.') => new GraphError(403, 'accessDenied', why),
  nameAlreadyExists: (name: string) => new GraphError(409, 'nameAlreadyExists', `An item named '${name}' already exists in this folder.`),
  invalidRequest: (message: string) => new GraphError(400, 'invalidRequest', message),
  notAllowed: (message: string) => new GraphError(405, 'notAllowed', message),
  tooLarge: (limit: number) =>
    new GraphError(413, 'requestEntityTooLarge', `A simple upload takes files up to ${limit} bytes; upload larger ones through an upload session.`),
  invalidRange: (message: string) => new GraphError(416, 'invalidRange', message),
  preconditionFailed: () => new GraphError(412, 'preconditionFailed', 'The item changed since the eTag in If-Match was read.'),
  quotaLimitReached: () => new GraphError(507, 'quotaLimitReached', 'The file is larger than the space left in the drive.'),
};
