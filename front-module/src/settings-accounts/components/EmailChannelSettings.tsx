import type { ReactNode } from 'react';
import { useRecoilValue } from 'recoil';
import { MessageFolderImportPolicy } from '@m365/shared-types';
import { channelStatus } from '../../accounts/account-sync-status';
import { FOLDER_POLICY_OPTIONS, MESSAGE_CONTACT_POLICY_OPTIONS, MESSAGE_VISIBILITY_OPTIONS } from '../../accounts/channel-setting-options';
import type { MessageChannelSettings, MicrosoftMessageChannel, MicrosoftMessageFolder } from '../../graphql/microsoft-account.types';
import { channelSaveState } from '../../state/saving-channel.state';
import { OptionCards } from '../../ui/OptionCards';
import { SelectField } from '../../ui/SelectField';
import { Toggle } from '../../ui/Toggle';
import { EmailSyncProgress } from './EmailSyncProgress';
import { MessageFolderTree } from './MessageFolderTree';
import { PushStatusIndicator } from './PushStatusIndicator';
import { SaveIndicator } from './SaveIndicator';
import { SyncStatusBadge } from './SyncStatusBadge';

interface EmailChannelSettingsProps {
  channel: MicrosoftMessageChannel;
  onSave(input: MessageChannelSettings): void;
  onRetry(): void;
  onToggleFolder(folder: MicrosoftMessageFolder, isSynced: boolean): void;
  /** Shown at the end of the section (the channel's sync log). */
  children?: ReactNode;
}

export function EmailChannelSettings({ channel, onSave, onRetry, onToggleFolder, children }: EmailChannelSettingsProps) {
  const saveState = useRecoilValue(channelSaveState(channel.id));
  return (
    <section className="m365-subsection" data-testid="email-settings">
      <div className="m365-subsection-header">
        <h4 className="m365-subsection-title">
          Emails <SyncStatusBadge status={channelStatus(channel)} testId="email-channel-status" />
        </h4>
        <SaveIndicator state={saveState} testId="email-settings-save-state" />
      </div>
      <EmailSyncProgress channel={channel} onRetry={onRetry} />
      <PushStatusIndicator channel={channel} testId="email-push-status" showReason />
      <p className="m365-field-caption">Visibility: what teammates see of the emails synced from this account.</p>
      <OptionCards
        name={`email-visibility-${channel.id}`}
        options={MESSAGE_VISIBILITY_OPTIONS}
        value={channel.visibility}
        onChange={(visibility) => onSave({ visibility })}
        testIdPrefix="email-visibility"
      />
      <Toggle
        label="Create contacts automatically"
        description="Add the people you exchange email with to the CRM."
        checked={channel.isContactAutoCreationEnabled}
        onChange={(isContactAutoCreationEnabled) => onSave({ isContactAutoCreationEnabled })}
        testId="email-contact-auto-creation"
      />
      <SelectField
        label="Whom to add"
        options={MESSAGE_CONTACT_POLICY_OPTIONS}
        value={channel.contactAutoCreationPolicy}
        disabled={!channel.isContactAutoCreationEnabled}
        onChange={(contactAutoCreationPolicy) => onSave({ contactAutoCreationPolicy })}
        testId="email-contact-policy"
      />
      <SelectField
        label="Folders to import"
        options={FOLDER_POLICY_OPTIONS}
        value={channel.messageFolderImportPolicy}
        onChange={(messageFolderImportPolicy) => onSave({ messageFolderImportPolicy })}
        testId="email-folder-policy"
      />
      {channel.messageFolderImportPolicy === MessageFolderImportPolicy.SELECTED_FOLDERS && (
        <MessageFolderTree channelId={channel.id} folders={channel.messageFolders ?? []} onToggle={onToggleFolder} />
      )}
      {children}
    </section>
  );
}
