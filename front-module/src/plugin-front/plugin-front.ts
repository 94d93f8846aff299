import '../styles/microsoft-front.css';
import { MicrosoftRecordBadge } from '../record-extensions/MicrosoftRecordBadge';
import { MicrosoftConnectPanel } from '../record-extensions/MicrosoftConnectPanel';
import { SettingsAccountsPage } from '../settings-accounts/SettingsAccountsPage';
import { SettingsBookingPagesPage } from '../booking-pages/SettingsBookingPagesPage';
import { ComposeEmailAction } from '../compose/components/ComposeEmailAction';
import { ThreadMailActions } from '../compose/components/ThreadMailActions';
import { PersonOutOfOfficeBadge } from '../compose/components/PersonOutOfOfficeBadge';
import { ScheduleMeetingAction } from '../scheduling/components/ScheduleMeetingAction';
import { ShareTeamsLinkAction } from '../scheduling/components/ShareTeamsLinkAction';
import { TodoSyncControl } from '../todo/TodoSyncControl';
import { FilesTab } from '../files/components/FilesTab';
import type { PluginFront } from './plugin-front.types';

/** Everything the Microsoft 365 plugin adds to the host's front; `plugin.manifest.json` lists the same ids. */
export const microsoftPluginFront: PluginFront = {
  name: 'microsoft-365',
  displayName: 'Microsoft 365',
  contributions: [
    { slot: 'settings-page', id: 'microsoft-accounts', path: '/settings/accounts', title: 'Accounts', component: SettingsAccountsPage },
    { slot: 'settings-page', id: 'microsoft-booking-pages', path: '/settings/booking-pages', title: 'Booking pages', component: SettingsBookingPagesPage },
    { slot: 'record-badge', id: 'microsoft-sync-badge', objects: ['person', 'company'], component: MicrosoftRecordBadge },
    { slot: 'record-badge', id: 'microsoft-out-of-office', objects: ['person'], component: PersonOutOfOfficeBadge },
    { slot: 'record-panel', id: 'microsoft-connect-panel', objects: ['person', 'company'], component: MicrosoftConnectPanel },
    { slot: 'record-tab', id: 'microsoft-files', title: 'Files', objects: ['person', 'company'], component: FilesTab },
    { slot: 'record-action', id: 'microsoft-compose-email', objects: ['person', 'company'], component: ComposeEmailAction },
    { slot: 'record-action', id: 'microsoft-schedule-meeting', objects: ['person', 'company'], component: ScheduleMeetingAction },
    { slot: 'record-action', id: 'microsoft-share-teams-link', objects: ['person', 'company'], component: ShareTeamsLinkAction },
    { slot: 'thread-action', id: 'microsoft-thread-actions', component: ThreadMailActions },
    { slot: 'task-action', id: 'microsoft-todo-sync', component: TodoSyncControl },
  ],
};
