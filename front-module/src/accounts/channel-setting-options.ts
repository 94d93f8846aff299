import {
  CalendarChannelContactAutoCreationPolicy,
  CalendarChannelVisibility,
  MessageChannelContactAutoCreationPolicy,
  MessageChannelVisibility,
  MessageFolderImportPolicy,
} from '@m365/shared-types';

export interface SettingOption<T extends string> {
  value: T;
  label: string;
  description: string;
}

export const MESSAGE_VISIBILITY_OPTIONS: SettingOption<MessageChannelVisibility>[] = [
  { value: MessageChannelVisibility.METADATA, label: 'Metadata', description: 'Teammates see who wrote to whom and when.' },
  { value: MessageChannelVisibility.SUBJECT, label: 'Subject', description: 'Teammates also see the subject line.' },
  { value: MessageChannelVisibility.SHARE_EVERYTHING, label: 'Everything', description: 'Teammates can open the whole thread.' },
];

export const CALENDAR_VISIBILITY_OPTIONS: SettingOption<CalendarChannelVisibility>[] = [
  { value: CalendarChannelVisibility.METADATA, label: 'Metadata', description: 'Teammates see the time and participants only.' },
  { value: CalendarChannelVisibility.SHARE_EVERYTHING, label: 'Everything', description: 'Teammates also see title, description and location.' },
];

export const MESSAGE_CONTACT_POLICY_OPTIONS: SettingOption<MessageChannelContactAutoCreationPolicy>[] = [
  { value: MessageChannelContactAutoCreationPolicy.SENT_AND_RECEIVED, label: 'Sent and received', description: 'People you email and people who email you.' },
  { value: MessageChannelContactAutoCreationPolicy.SENT, label: 'Sent only', description: 'Only people you email.' },
  { value: MessageChannelContactAutoCreationPolicy.NONE, label: 'None', description: 'Create no people from email.' },
];

export const CALENDAR_CONTACT_POLICY_OPTIONS: SettingOption<CalendarChannelContactAutoCreationPolicy>[] = [
  { value: CalendarChannelContactAutoCreationPolicy.AS_PARTICIPANT_AND_ORGANIZER, label: 'Participants and organizers', description: 'Everyone on your events.' },
  { value: CalendarChannelContactAutoCreationPolicy.AS_PARTICIPANT, label: 'Participants', description: 'People invited to your events.' },
  { value: CalendarChannelContactAutoCreationPolicy.AS_ORGANIZER, label: 'Organizers', description: 'People who invite you.' },
  { value: CalendarChannelContactAutoCreationPolicy.NONE, label: 'None', description: 'Create no people from events.' },
];

export const FOLDER_POLICY_OPTIONS: SettingOption<MessageFolderImportPolicy>[] = [
  { value: MessageFolderImportPolicy.ALL_FOLDERS, label: 'All folders', description: 'Import every folder, sub-folders included.' },
  { value: MessageFolderImportPolicy.SELECTED_FOLDERS, label: 'Selected folders', description: 'Import only the folders chosen for sync.' },
];
