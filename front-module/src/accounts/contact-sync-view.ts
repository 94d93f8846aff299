import { ContactCreationPolicy } from '@m365/shared-types';
import type { ContactSyncField, MicrosoftContactConflict, MicrosoftContactSync } from '../graphql/microsoft-account.types';
import type { SettingOption } from './channel-setting-options';
import { formatRelativeTime } from './import-progress';

export type ContactSyncViewKind = 'QUEUED' | 'IMPORTING' | 'SYNCED' | 'FAILED';

export interface ContactSyncView {
  kind: ContactSyncViewKind;
  text: string;
  /** Why it failed, in the server's words; null otherwise. */
  reason: string | null;
}

const people = (count: number) => `${count} ${count === 1 ? 'contact' : 'contacts'}`;

/** The contacts line of Settings → Accounts: queued, importing (with how many are linked so far), synced, failed. */
export function contactSyncView(sync: Pick<MicrosoftContactSync, 'syncStatus' | 'syncedAt' | 'linkedCount' | 'createdCount' | 'pendingWrites' | 'lastErrorMessage'>, now: Date): ContactSyncView {
  const counts = `${people(sync.linkedCount)} linked to people${sync.createdCount > 0 ? ` (${sync.createdCount} created)` : ''}`;
  const writing = sync.pendingWrites > 0 ? ` · ${sync.pendingWrites} ${sync.pendingWrites === 1 ? 'edit' : 'edits'} on the way to Outlook` : '';
  switch (sync.syncStatus) {
    case 'NOT_SYNCED':
      return { kind: 'QUEUED', text: 'Import queued, starting shortly…', reason: null };
    case 'ONGOING':
      return sync.syncedAt
        ? { kind: 'SYNCED', text: `Synced · ${counts}${writing} · checking now`, reason: null }
        : { kind: 'IMPORTING', text: `Importing · ${counts} so far`, reason: null };
    case 'ACTIVE':
      return { kind: 'SYNCED', text: `Synced · ${counts}${writing}${sync.syncedAt ? ` · last synced ${formatRelativeTime(sync.syncedAt, now)}` : ''}`, reason: null };
    case 'FAILED_INSUFFICIENT_PERMISSIONS':
      return { kind: 'FAILED', text: 'Sync failed', reason: sync.lastErrorMessage ?? 'The account has not granted access to its contacts.' };
    default:
      return { kind: 'FAILED', text: 'Sync failed', reason: sync.lastErrorMessage ?? 'Outlook did not answer as expected; the sync tries again every 5 minutes.' };
  }
}

export const CONTACT_CREATION_POLICY_OPTIONS: SettingOption<ContactCreationPolicy>[] = [
  { value: ContactCreationPolicy.CREATE_WITH_EMAIL, label: 'Contacts with an email', description: 'Outlook contacts that match no person become people when they have an email address.' },
  { value: ContactCreationPolicy.CREATE_ALL, label: 'Every contact', description: 'Every Outlook contact that matches no person becomes a person.' },
  { value: ContactCreationPolicy.NEVER_CREATE, label: 'Never', description: 'Only contacts that match an existing person (by email, or by name and company) are linked.' },
];

const FIELD_NAMES: Record<ContactSyncField, string> = {
  FIRST_NAME: 'First name',
  LAST_NAME: 'Last name',
  EMAILS: 'Emails',
  PHONES: 'Phones',
  JOB_TITLE: 'Job title',
  COMPANY_NAME: 'Company',
};

const shown = (json: string | null): string => {
  if (json === null) return '(empty)';
  const value: unknown = JSON.parse(json);
  const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
  return text === '' ? '(empty)' : text;
};

/** One conflict in words: "Job title: kept “Finance Director” (CRM, later); Outlook's “CFO” was not kept". */
export function conflictText(conflict: Pick<MicrosoftContactConflict, 'field' | 'keptSide' | 'keptValue' | 'lostValue'>): string {
  const kept = conflict.keptSide === 'CRM' ? 'CRM' : 'Outlook';
  const lost = conflict.keptSide === 'CRM' ? 'Outlook' : 'CRM';
  return `${FIELD_NAMES[conflict.field]}: kept “${shown(conflict.keptValue)}” (${kept}, the later edit); the ${lost} value “${shown(conflict.lostValue)}” was not kept`;
}

/** The folder choices: every folder, or one, with nested folders shown under their parent's name. */
export function contactFolderOptions(folders: MicrosoftContactSync['folders']): Array<{ value: string; label: string }> {
  const byId = new Map(folders.map((folder) => [folder.externalId, folder]));
  const path = (folder: MicrosoftContactSync['folders'][number]): string => {
    const names = [folder.name];
    for (let parent = folder.parentExternalId ? byId.get(folder.parentExternalId) : undefined, depth = 0; parent && depth < 20; parent = parent.parentExternalId ? byId.get(parent.parentExternalId) : undefined, depth += 1) {
      names.unshift(parent.name);
    }
    return names.join(' / ');
  };
  return [{ value: '', label: 'All folders' }, ...folders.map((folder) => ({ value: folder.externalId, label: path(folder) })).sort((a, b) => a.label.localeCompare(b.label))];
}

const BADGES: Record<ContactSyncViewKind, { label: string; tone: 'green' | 'blue' | 'gray' | 'red' }> = {
  QUEUED: { label: 'Not synced', tone: 'gray' },
  IMPORTING: { label: 'Importing', tone: 'blue' },
  SYNCED: { label: 'Synced', tone: 'green' },
  FAILED: { label: 'Sync failed', tone: 'red' },
};

/** The contacts badge, in the shape the other channels' badges take. */
export function contactSyncBadge(view: ContactSyncView): { kind: 'NOT_SYNCED' | 'IMPORTING' | 'SYNCED' | 'SYNC_FAILED'; label: string; tone: 'green' | 'blue' | 'gray' | 'red'; detail: string | null } {
  const kind = view.kind === 'QUEUED' ? 'NOT_SYNCED' : view.kind === 'FAILED' ? 'SYNC_FAILED' : view.kind;
  return { kind, ...BADGES[view.kind], detail: view.reason };
}
