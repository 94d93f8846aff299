import { NOT_STORED, resource, spec } from '../resource-schema.js';

/** microsoft.graph.calendar (v1.0). */
export const CALENDAR_RESOURCE = resource('calendar', [
  spec.scalar('id', 'String'),
  spec.scalar('name', 'String'),
  spec.scalar('color', 'Enum'),
  spec.scalar('hexColor', 'String'),
  spec.scalar('isDefaultCalendar', 'Boolean'),
  spec.scalar('changeKey', 'String'),
  ...spec.scalars('Boolean', ['canShare', 'canViewPrivateItems', 'canEdit']),
  spec.scalar('allowedOnlineMeetingProviders', 'Enum', { collection: true, sort: false }),
  spec.scalar('defaultOnlineMeetingProvider', 'Enum'),
  ...spec.scalars('Boolean', ['isTallyingResponses', 'isRemovable']),
  spec.complex('owner', { name: 'String', address: 'String' }, { filter: true, sort: true }),
], {
  events: 'expanding the events of calendars is not built yet',
  calendarView: 'expanding the calendarView of calendars is not built yet',
  calendarPermissions: 'it stores no calendar permissions',
  ...NOT_STORED.extendedProperties,
});
