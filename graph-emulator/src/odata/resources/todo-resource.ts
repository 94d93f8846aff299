import { NOT_STORED, resource, spec } from '../resource-schema.js';

const DATE_TIME_TIME_ZONE = { dateTime: 'String', timeZone: 'String' } as const;
const zoned = (name: string) => spec.complex(name, DATE_TIME_TIME_ZONE, { filter: true, sort: true });

/** microsoft.graph.todoTask (v1.0), in Graph's order; `filter`/`sort` false = the emulator does not (501). */
export const TODO_TASK_RESOURCE = resource('todoTask', [
  spec.scalar('importance', 'Enum'),
  spec.scalar('isReminderOn', 'Boolean'),
  spec.scalar('status', 'Enum'),
  spec.scalar('title', 'String'),
  ...spec.scalars('DateTimeOffset', ['createdDateTime', 'lastModifiedDateTime']),
  spec.scalar('hasAttachments', 'Boolean'),
  spec.scalar('categories', 'String', { collection: true, sort: false }),
  spec.scalar('id', 'String'),
  spec.complex('body', { content: 'String', contentType: 'Enum' }),
  spec.scalar('bodyLastModifiedDateTime', 'DateTimeOffset'),
  ...['dueDateTime', 'startDateTime', 'reminderDateTime', 'completedDateTime'].map(zoned),
  spec.complex('recurrence', { pattern: { type: 'Enum' }, range: { type: 'Enum' } }),
], {
  linkedResources: null,
  checklistItems: 'it stores no checklist items',
  attachments: 'it stores no task attachments',
  ...NOT_STORED.extensions,
});

/** microsoft.graph.todoTaskList (v1.0). */
export const TODO_LIST_RESOURCE = resource('todoTaskList', [
  spec.scalar('displayName', 'String'),
  ...spec.scalars('Boolean', ['isOwner', 'isShared']),
  spec.scalar('wellknownListName', 'Enum'),
  spec.scalar('id', 'String'),
], {
  tasks: 'expanding the tasks of lists is not built yet (use /todo/lists/{id}/tasks)',
  ...NOT_STORED.extensions,
});

/** microsoft.graph.linkedResource (v1.0). */
export const LINKED_RESOURCE_RESOURCE = resource('linkedResource',
  spec.scalars('String', ['webUrl', 'applicationName', 'displayName', 'externalId', 'id']), {});
