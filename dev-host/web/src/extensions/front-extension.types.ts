import type { ComponentType } from 'react';
import type { PluginFrontContribution } from '@m365/shared-types';
import type { RecordObjectName } from '../api/host.types';

/** What the shell gives every extension: its GraphQL endpoint and its router. */
export interface ShellHost {
  graphql<T>(query: string, variables?: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<T>;
  navigate(to: string, options?: { replace?: boolean }): void;
}

export type FrontSlot = PluginFrontContribution['slot'];

export interface SettingsPageExtension {
  slot: 'settings-page';
  id: string;
  path: string;
  title: string;
  component: ComponentType<{ host: ShellHost; query: URLSearchParams }>;
}

export interface RecordExtension {
  slot: Exclude<FrontSlot, 'settings-page' | 'thread-action' | 'task-action'>;
  id: string;
  /** A record-tab's label beside the host's own tabs. */
  title?: string;
  objects: RecordObjectName[];
  component: ComponentType<{ host: ShellHost; objectName: RecordObjectName; recordId: string }>;
}

/** Shown in the thread panel's header: what the plugin can do with the open thread (reply, mark read, archive…). */
export interface ThreadExtension {
  slot: 'thread-action';
  id: string;
  component: ComponentType<{ host: ShellHost; messageThreadId: string; messageIds: string[] }>;
}

/** Shown on a task (its row in a Tasks tab or the task list): what the plugin does with the task (sync it to To Do…). */
export interface TaskExtension {
  slot: 'task-action';
  id: string;
  component: ComponentType<{ host: ShellHost; taskId: string }>;
}

/** A plugin's front module, as the shell installs it. */
export interface FrontPlugin {
  name: string;
  displayName: string;
  contributions: Array<SettingsPageExtension | RecordExtension | ThreadExtension | TaskExtension>;
}
