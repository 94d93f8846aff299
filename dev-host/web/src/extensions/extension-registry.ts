import type { RecordObjectName } from '../api/host.types';
import type { FrontPlugin, RecordExtension, SettingsPageExtension, TaskExtension, ThreadExtension } from './front-extension.types';

export interface ExtensionRegistry {
  settingsPages: SettingsPageExtension[];
  forRecord(slot: RecordExtension['slot'], objectName: RecordObjectName): RecordExtension[];
  threadActions: ThreadExtension[];
  taskActions: TaskExtension[];
}

/** Indexes the installed plugins' contributions by slot; a duplicate id is a packaging mistake, so it throws. */
export function createExtensionRegistry(plugins: FrontPlugin[]): ExtensionRegistry {
  const contributions = plugins.flatMap((plugin) => plugin.contributions.map((contribution) => ({ ...contribution, id: `${plugin.name}/${contribution.id}` })));
  const seen = new Set<string>();
  for (const { id } of contributions) {
    if (seen.has(id)) throw new Error(`Two front contributions are named ${id}`);
    seen.add(id);
  }
  const settingsPages = contributions.filter((each): each is SettingsPageExtension => each.slot === 'settings-page');
  const recordExtensions = contributions.filter((each): each is RecordExtension => each.slot !== 'settings-page' && each.slot !== 'thread-action' && each.slot !== 'task-action');
  const threadActions = contributions.filter((each): each is ThreadExtension => each.slot === 'thread-action');
  const taskActions = contributions.filter((each): each is TaskExtension => each.slot === 'task-action');
  return {
    settingsPages,
    forRecord: (slot, objectName) => recordExtensions.filter((each) => each.slot === slot && each.objects.includes(objectName)),
    threadActions,
    taskActions,
  };
}
