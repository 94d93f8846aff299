import type { ComponentType } from 'react';
import type { PluginFrontContribution } from '@m365/shared-types';

/** What the plugin's front expects a host shell to give it: its GraphQL endpoint and its router. */
export interface FrontHost {
  /** `signal` aborts the request (a suggestion the member typed past). */
  graphql<T>(query: string, variables?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<T>;
  navigate(to: string, options?: { replace?: boolean }): void;
}

export type RecordObjectName = 'person' | 'company';

export interface SettingsPageProps {
  host: FrontHost;
  /** The page URL's query, e.g. what the connect callback appended. */
  query: URLSearchParams;
}

export interface RecordSlotProps {
  host: FrontHost;
  objectName: RecordObjectName;
  recordId: string;
}

export interface ThreadSlotProps {
  host: FrontHost;
  messageThreadId: string;
  /** The thread's messages, oldest first. */
  messageIds: string[];
}

type SlotName = PluginFrontContribution['slot'];

export interface SettingsPageContribution {
  slot: Extract<SlotName, 'settings-page'>;
  id: string;
  path: string;
  title: string;
  component: ComponentType<SettingsPageProps>;
}

export interface RecordContribution {
  slot: Exclude<SlotName, 'settings-page' | 'thread-action' | 'task-action'>;
  id: string;
  /** A record-tab's label. */
  title?: string;
  objects: RecordObjectName[];
  component: ComponentType<RecordSlotProps>;
}

export interface ThreadContribution {
  slot: Extract<SlotName, 'thread-action'>;
  id: string;
  component: ComponentType<ThreadSlotProps>;
}

export interface TaskSlotProps {
  host: FrontHost;
  taskId: string;
}

export interface TaskContribution {
  slot: Extract<SlotName, 'task-action'>;
  id: string;
  component: ComponentType<TaskSlotProps>;
}

export type FrontContribution = SettingsPageContribution | RecordContribution | ThreadContribution | TaskContribution;

export interface PluginFront {
  name: string;
  displayName: string;
  contributions: FrontContribution[];
}
