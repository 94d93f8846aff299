import { GraphError, graph } from '../../errors/error-factory.js';
import type { EmulatorContext } from '../../http/emulator-context.js';
import type { ContactFolderRecord } from '../../store/contacts/contact-records.js';
import type { UserRecord } from '../../store/emulator-records.js';
import type { GraphCall } from '../graph-call.js';
import { mailboxAccess } from '../mail/mail-access.js';

export interface ContactAccess {
  user: UserRecord;
  /** `/me` or `/users/{segment}`, as the request wrote it: links keep it. */
  basePath: string;
}

/** Who the contacts request is about: the same user and mailbox checks as mail's (the route checked the scope). */
export function contactAccess(context: EmulatorContext, call: GraphCall, userSegment: string): ContactAccess {
  return mailboxAccess(context, call, userSegment);
}

/** `/contactFolders/{id}`: the folder, or Outlook's 404. */
export function contactFolderOf(context: EmulatorContext, userId: string, id: string): ContactFolderRecord {
  const folder = context.store.contacts.getFolder(userId, id);
  if (!folder) throw graph.itemNotFound();
  return folder;
}

export function contactsMetadata(call: GraphCall, user: UserRecord, rest: string): string {
  return `${call.origin}/v1.0/$metadata#users('${user.id}')/${rest}`;
}

export function changeKeyConflict(): GraphError {
  return new GraphError(412, 'ErrorIrresolvableConflict', 'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.');
}
