import { registerEnumType } from '@nestjs/graphql';
import {
  CalendarChannelContactAutoCreationPolicy,
  CalendarChannelSyncStage,
  CalendarChannelVisibility,
  MessageChannelContactAutoCreationPolicy,
  MessageChannelSyncStage,
  MessageChannelVisibility,
  MessageFolderImportPolicy,
  MicrosoftAccountType,
  MicrosoftFeature,
  SyncStatus,
} from '@m365/shared-types';
import { MicrosoftPushStatus } from '../subscriptions/subscription.constants.js';

const registered = new WeakSet<object>();

/** Registers the shared enums with Nest's GraphQL schema once, whichever side (plugin or host) asks first. */
export function registerSharedGraphqlEnums(): void {
  const enums: Array<[object, string]> = [
    [SyncStatus, 'SyncStatus'],
    [MessageChannelSyncStage, 'MessageChannelSyncStage'],
    [CalendarChannelSyncStage, 'CalendarChannelSyncStage'],
    [MessageChannelVisibility, 'MessageChannelVisibility'],
    [CalendarChannelVisibility, 'CalendarChannelVisibility'],
    [MessageChannelContactAutoCreationPolicy, 'MessageChannelContactAutoCreationPolicy'],
    [CalendarChannelContactAutoCreationPolicy, 'CalendarChannelContactAutoCreationPolicy'],
    [MessageFolderImportPolicy, 'MessageFolderImportPolicy'],
    [MicrosoftFeature, 'MicrosoftFeature'],
    [MicrosoftAccountType, 'MicrosoftAccountType'],
    [MicrosoftPushStatus, 'MicrosoftPushStatus'],
  ];
  for (const [enumRef, name] of enums) {
    if (registered.has(enumRef)) continue;
    registered.add(enumRef);
    registerEnumType(enumRef, { name });
  }
}

registerSharedGraphqlEnums();
