/**
 * Microsoft Graph delegated permissions the emulator knows, with whether Microsoft's permissions reference marks them
 * "admin consent required" (https://learn.microsoft.com/graph/permissions-reference). Names are the reference's
 * spelling; a scope is matched case-insensitively and written back in this spelling.
 */
export interface GraphPermission {
  name: string;
  adminConsentRequired: boolean;
}

const p = (name: string, adminConsentRequired = false): GraphPermission => ({ name, adminConsentRequired });

export const GRAPH_DELEGATED_PERMISSIONS: readonly GraphPermission[] = [
  p('User.Read'), p('User.ReadWrite'), p('User.ReadBasic.All'), p('User.Read.All', true), p('User.ReadWrite.All', true),
  p('Directory.Read.All', true), p('Directory.ReadWrite.All', true), p('Directory.AccessAsUser.All', true),
  p('Group.Read.All', true), p('Group.ReadWrite.All', true), p('GroupMember.Read.All', true),
  p('Mail.ReadBasic'), p('Mail.Read'), p('Mail.ReadWrite'), p('Mail.Send'),
  p('Mail.Read.Shared'), p('Mail.ReadWrite.Shared'), p('Mail.Send.Shared'),
  p('MailboxSettings.Read'), p('MailboxSettings.ReadWrite'),
  p('Calendars.ReadBasic'), p('Calendars.Read'), p('Calendars.ReadWrite'), p('Calendars.Read.Shared'), p('Calendars.ReadWrite.Shared'),
  p('Contacts.Read'), p('Contacts.ReadWrite'), p('Contacts.Read.Shared'), p('Contacts.ReadWrite.Shared'),
  p('People.Read'), p('People.Read.All', true),
  p('Tasks.Read'), p('Tasks.ReadWrite'), p('Tasks.Read.Shared'), p('Tasks.ReadWrite.Shared'),
  p('OnlineMeetings.Read'), p('OnlineMeetings.ReadWrite'),
  p('Files.Read'), p('Files.ReadWrite'), p('Files.Read.All'), p('Files.ReadWrite.All'),
  p('Sites.Read.All'), p('Sites.ReadWrite.All'), p('Sites.Manage.All'), p('Sites.FullControl.All', true),
];

const BY_LOWER_NAME = new Map(GRAPH_DELEGATED_PERMISSIONS.map((permission) => [permission.name.toLowerCase(), permission]));

export function findGraphPermission(scope: string): GraphPermission | undefined {
  return BY_LOWER_NAME.get(scope.toLowerCase());
}
