import type { Provider } from '@nestjs/common';
import type { AccountPurgeStep } from './account-purge-step.js';
import { StopSyncsPurgeStep } from './steps/stop-syncs.purge-step.js';
import { PushSubscriptionsPurgeStep } from './steps/push-subscriptions.purge-step.js';
import { MemoryCachesPurgeStep } from './steps/memory-caches.purge-step.js';
import { ComposePurgeStep } from './steps/compose.purge-step.js';
import { CalendarPurgeStep } from './steps/calendar.purge-step.js';
import { ContactsPurgeStep } from './steps/contacts.purge-step.js';
import { BookingPurgeStep } from './steps/booking.purge-step.js';
import { TodoPurgeStep } from './steps/todo.purge-step.js';
import { FilesPurgeStep } from './steps/files.purge-step.js';
import { SyncStatePurgeStep } from './steps/sync-state.purge-step.js';
import { HostRecordsPurgeStep } from './steps/host-records.purge-step.js';
import { CredentialsPurgeStep } from './steps/credentials.purge-step.js';

export const ACCOUNT_PURGE_STEPS = Symbol('ACCOUNT_PURGE_STEPS');

/**
 * The disconnect, in order. Syncs stop first and Graph's subscriptions go while the token still exists; the host's
 * records go after the plugin's own rows about them; credentials last. A feature that stores anything for an
 * account (contacts, To Do, files, scheduling…) adds its step class here, before `host-records` if it reads them.
 */
const STEP_CLASSES = [
  StopSyncsPurgeStep,
  PushSubscriptionsPurgeStep,
  MemoryCachesPurgeStep,
  ComposePurgeStep,
  CalendarPurgeStep,
  ContactsPurgeStep,
  BookingPurgeStep,
  TodoPurgeStep,
  FilesPurgeStep,
  SyncStatePurgeStep,
  HostRecordsPurgeStep,
  CredentialsPurgeStep,
] as const;

export const accountPurgeStepProviders: Provider[] = [
  ...STEP_CLASSES,
  { provide: ACCOUNT_PURGE_STEPS, useFactory: (...steps: AccountPurgeStep[]) => steps, inject: [...STEP_CLASSES] },
];
