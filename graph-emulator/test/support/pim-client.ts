import type { TestEmulator } from './emulator-harness.js';
import { calendarClient } from './calendar-client.js';
import type { MailClient } from './mail-client.js';

const scopeOf = (...names: string[]) => `${['User.Read', ...names].map((name) => `https://graph.microsoft.com/${name}`).join(' ')} openid profile offline_access`;

export const CONTACTS_SCOPE = scopeOf('Contacts.ReadWrite');
export const TASKS_SCOPE = scopeOf('Tasks.ReadWrite');

/** A signed-in Graph client for contacts tests (Contacts.ReadWrite unless `scope` says otherwise). */
export function contactsClient(t: TestEmulator, account = 'megan.bowen@contoso.com', scope = CONTACTS_SCOPE): Promise<MailClient> {
  return calendarClient(t, account, scope);
}

/** A signed-in Graph client for To Do tests (Tasks.ReadWrite unless `scope` says otherwise). */
export function tasksClient(t: TestEmulator, account = 'megan.bowen@contoso.com', scope = TASKS_SCOPE): Promise<MailClient> {
  return calendarClient(t, account, scope);
}

export { scopeOf };
