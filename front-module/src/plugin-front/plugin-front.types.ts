import type { ComponentType } from 'react';
import type { PluginFrontContribution } from '@m365/shared-types';

/** What the plugin's front expects a host shell to give it: its GraphQL endpoint and its router. */
export interface FrontHost {
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
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
  slot: Exclude<SlotName, 'settings-page' | 'thread-action'>;
  id: string;
  objects: RecordObjectName[];
  component: ComponentType<RecordSlotProps>;
}

export interface ThreadContribution {
  slot: Extract<SlotName, 'thread-action'>;
  id: string;
  component: ComponentType<ThreadSlotProps>;
}

export type FrontContribution = SettingsPageContribution | RecordContribution | ThreadContribution;

export interface PluginFront {
  name: string;
  displayName: string;
  contributions: FrontContribution[];
}
