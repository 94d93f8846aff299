import '../styles/microsoft-front.css';
import { MicrosoftRecordBadge } from '../record-extensions/MicrosoftRecordBadge';
import { MicrosoftConnectPanel } from '../record-extensions/MicrosoftConnectPanel';
import { SettingsAccountsPage } from '../settings-accounts/SettingsAccountsPage';
import { ComposeEmailAction } from '../compose/components/ComposeEmailAction';
import { ThreadMailActions } from '../compose/components/ThreadMailActions';
import type { PluginFront } from './plugin-front.types';

/** Everything the Microsoft 365 plugin adds to the host's front; `plugin.manifest.json` lists the same ids. */
export const microsoftPluginFront: PluginFront = {
  name: 'microsoft-365',
  displayName: 'Microsoft 365',
  contributions: [
    { slot: 'settings-page', id: 'microsoft-accounts', path: '/settings/accounts', title: 'Accounts', component: SettingsAccountsPage },
    { slot: 'record-badge', id: 'microsoft-sync-badge', objects: ['person', 'company'], component: MicrosoftRecordBadge },
    { slot: 'record-panel', id: 'microsoft-connect-panel', objects: ['person', 'company'], component: MicrosoftConnectPanel },
    { slot: 'record-action', id: 'microsoft-compose-email', objects: ['person', 'company'], component: ComposeEmailAction },
    { slot: 'thread-action', id: 'microsoft-thread-actions', component: ThreadMailActions },
  ],
};
