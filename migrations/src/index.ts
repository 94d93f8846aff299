import { CreateMicrosoftVaultAndOAuthState1764061200000 } from './1764061200000-create-microsoft-vault-and-oauth-state.js';
import { CreateMicrosoftSyncProgress1764061300000 } from './1764061300000-create-microsoft-sync-progress.js';
import { CreateMicrosoftSubscriptions1764061400000 } from './1764061400000-create-microsoft-subscriptions.js';
import { UnloggedMicrosoftNotificationInbox1764061500000 } from './1764061500000-unlogged-microsoft-notification-inbox.js';
import { MicrosoftNeverImportedFolders1764061600000 } from './1764061600000-microsoft-never-imported-folders.js';
import { MicrosoftInboxFolder1764061700000 } from './1764061700000-microsoft-inbox-folder.js';
import { MicrosoftSyncLeases1764061900000 } from './1764061900000-microsoft-sync-leases.js';
import { CreateMicrosoftSyncRuns1764061800000 } from './1764061800000-create-microsoft-sync-runs.js';
import { CreateMicrosoftCalendars1764062000000 } from './1764062000000-create-microsoft-calendars.js';
import { CreateMicrosoftOutgoingMail1764062500000 } from './1764062500000-create-microsoft-outgoing-mail.js';
import { CreateMicrosoftCalendarOutbox1764062600000 } from './1764062600000-create-microsoft-calendar-outbox.js';
import { CreateMicrosoftMailTips1764062700000 } from './1764062700000-create-microsoft-mail-tips.js';
import { CreateMicrosoftContacts1764063000000 } from './1764063000000-create-microsoft-contacts.js';
import { CreateMicrosoftAccountPurge1764063100000 } from './1764063100000-create-microsoft-account-purge.js';
import { CreateMicrosoftBookingPages1764063400000 } from './1764063400000-create-microsoft-booking-pages.js';
import { CreateMicrosoftTodo1764063500000 } from './1764063500000-create-microsoft-todo.js';
import { CreateMicrosoftFileLinks1764063600000 } from './1764063600000-create-microsoft-file-links.js';

/** TypeORM migrations for the tables the plugin owns; hosts run them after their own. */
export const pluginMigrations: Function[] = [CreateMicrosoftVaultAndOAuthState1764061200000, CreateMicrosoftSyncProgress1764061300000, CreateMicrosoftSubscriptions1764061400000, UnloggedMicrosoftNotificationInbox1764061500000, MicrosoftNeverImportedFolders1764061600000, MicrosoftInboxFolder1764061700000, CreateMicrosoftSyncRuns1764061800000, MicrosoftSyncLeases1764061900000, CreateMicrosoftCalendars1764062000000, CreateMicrosoftOutgoingMail1764062500000, CreateMicrosoftCalendarOutbox1764062600000, CreateMicrosoftMailTips1764062700000, CreateMicrosoftContacts1764063000000, CreateMicrosoftAccountPurge1764063100000, CreateMicrosoftBookingPages1764063400000, CreateMicrosoftTodo1764063500000, CreateMicrosoftFileLinks1764063600000];
