import { useRecoilValue } from 'recoil';
import { SyncChannelKind, type ContactCreationPolicy } from '@m365/shared-types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { SyncLog } from './SyncLog';
import { CONTACT_CREATION_POLICY_OPTIONS, conflictText, contactFolderOptions, contactSyncBadge, contactSyncView } from '../../accounts/contact-sync-view';
import type { ContactSyncSettings as ContactSyncSettingsInput, MicrosoftContactSync } from '../../graphql/microsoft-account.types';
import { channelSaveState } from '../../state/saving-channel.state';
import { SelectField } from '../../ui/SelectField';
import { useNow } from '../hooks/useNow';
import { PushStatusIndicator } from './PushStatusIndicator';
import { SaveIndicator } from './SaveIndicator';
import { SyncStatusBadge } from './SyncStatusBadge';

interface ContactSyncSettingsProps {
  accountId: string;
  sync: MicrosoftContactSync;
  host: FrontHost;
  onSave(input: ContactSyncSettingsInput): void;
  onRetry(): void;
}

const CONFLICTS_SHOWN = 5;

/** Outlook contacts ↔ people: status and counts, push, which contacts become people, which folder, and the conflicts log. */
export function ContactSyncSettings({ accountId, sync, host, onSave, onRetry }: ContactSyncSettingsProps) {
  const saveState = useRecoilValue(channelSaveState(`contacts:${accountId}`));
  const view = contactSyncView(sync, useNow());
  const folders = contactFolderOptions(sync.folders);
  return (
    <section className="m365-subsection" data-testid="contacts-settings">
      <div className="m365-subsection-header">
        <h4 className="m365-subsection-title">
          Contacts <SyncStatusBadge status={contactSyncBadge(view)} testId="contacts-status" />
        </h4>
        <SaveIndicator state={saveState} testId="contacts-settings-save-state" />
      </div>
      <PushStatusIndicator channel={{ isSyncEnabled: true, push: sync.push }} testId="contacts-push-status" subject="contacts" showReason />
      <p className="m365-field-caption" data-testid="contacts-progress">{view.text}</p>
      {view.reason && (
        <p className="m365-error-text" data-testid="contacts-error">
          {view.reason}{' '}
          <button type="button" className="m365-button m365-button-small" onClick={onRetry} data-testid="contacts-retry">
            Retry
          </button>
        </p>
      )}
      <SelectField<ContactCreationPolicy>
        label="Create people from"
        options={CONTACT_CREATION_POLICY_OPTIONS}
        value={sync.creationPolicy}
        onChange={(creationPolicy) => onSave({ creationPolicy })}
        testId="contacts-creation-policy"
      />
      <SelectField<string>
        label="Folders"
        options={folders.map((folder) => ({ ...folder, description: folder.value === '' ? 'Every contact folder, nested ones too.' : 'Only the contacts of this folder.' }))}
        value={sync.folderExternalId ?? ''}
        onChange={(folderExternalId) => onSave(folderExternalId === '' ? { allFolders: true } : { folderExternalId })}
        testId="contacts-folder"
      />
      <p className="m365-field-caption">
        Names, emails, phones, job title and company stay in step both ways; when both sides changed a field, the later edit wins and the other value is listed here.
        A contact deleted in Outlook only unlinks its person; a person deleted in the CRM deletes the Outlook contact only if the sync created that person.
      </p>
      <SyncLog host={host} channelKind={SyncChannelKind.CONTACTS} channelId={sync.id} refreshKey={`${sync.syncStatus}:${sync.syncedAt ?? ''}`} />
      {sync.conflicts.length > 0 && (
        <ul className="m365-field-caption" data-testid="contacts-conflicts">
          {sync.conflicts.slice(0, CONFLICTS_SHOWN).map((conflict) => (
            <li key={conflict.id} data-testid="contacts-conflict">
              {conflictText(conflict)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
