import type { ReactNode } from 'react';
import { useRecoilValue } from 'recoil';
import { channelStatus } from '../../accounts/account-sync-status';
import { CALENDAR_CONTACT_POLICY_OPTIONS, CALENDAR_VISIBILITY_OPTIONS } from '../../accounts/channel-setting-options';
import type { CalendarChannelSettings as CalendarSettingsInput, MicrosoftCalendar, MicrosoftCalendarChannel } from '../../graphql/microsoft-account.types';
import { channelSaveState } from '../../state/saving-channel.state';
import { OptionCards } from '../../ui/OptionCards';
import { SelectField } from '../../ui/SelectField';
import { Toggle } from '../../ui/Toggle';
import { PushStatusIndicator } from './PushStatusIndicator';
import { CalendarList } from './CalendarList';
import { CalendarSyncProgress } from './CalendarSyncProgress';
import { SaveIndicator } from './SaveIndicator';
import { SyncStatusBadge } from './SyncStatusBadge';

interface CalendarChannelSettingsProps {
  channel: MicrosoftCalendarChannel;
  onSave(input: CalendarSettingsInput): void;
  onToggleCalendar(calendar: MicrosoftCalendar, isSynced: boolean): void;
  onRetry(): void;
  /** The channel's sync log, below its settings. */
  children?: ReactNode;
}

export function CalendarChannelSettings({ channel, onSave, onToggleCalendar, onRetry, children }: CalendarChannelSettingsProps) {
  const saveState = useRecoilValue(channelSaveState(channel.id));
  return (
    <section className="m365-subsection" data-testid="calendar-settings">
      <div className="m365-subsection-header">
        <h4 className="m365-subsection-title">
          Calendar <SyncStatusBadge status={channelStatus(channel)} testId="calendar-channel-status" />
        </h4>
        <SaveIndicator state={saveState} testId="calendar-settings-save-state" />
      </div>
      <PushStatusIndicator channel={channel} testId="calendar-push-status" subject="calendar" showReason />
      <CalendarSyncProgress channel={channel} onRetry={onRetry} />
      <CalendarList channelId={channel.id} calendars={channel.calendars} onToggle={onToggleCalendar} />
      <p className="m365-field-caption">Visibility: what teammates see of the events synced from this account.</p>
      <OptionCards
        name={`calendar-visibility-${channel.id}`}
        options={CALENDAR_VISIBILITY_OPTIONS}
        value={channel.visibility}
        onChange={(visibility) => onSave({ visibility })}
        testIdPrefix="calendar-visibility"
      />
      <Toggle
        label="Create contacts automatically"
        description="Add the people you meet with to the CRM."
        checked={channel.isContactAutoCreationEnabled}
        onChange={(isContactAutoCreationEnabled) => onSave({ isContactAutoCreationEnabled })}
        testId="calendar-contact-auto-creation"
      />
      <SelectField
        label="Whom to add"
        options={CALENDAR_CONTACT_POLICY_OPTIONS}
        value={channel.contactAutoCreationPolicy}
        disabled={!channel.isContactAutoCreationEnabled}
        onChange={(contactAutoCreationPolicy) => onSave({ contactAutoCreationPolicy })}
        testId="calendar-contact-policy"
      />
      {children}
    </section>
  );
}
