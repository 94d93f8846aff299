import { spec, type ResourceSchema } from '../resource-schema.js';

/** microsoft.graph.calendar (v1.0). */
export const CALENDAR_RESOURCE: ResourceSchema = {
  type: 'calendar',
  properties: [
    spec.scalar('id', 'String'),
    spec.scalar('name', 'String'),
    spec.scalar('color', 'Enum'),
    spec.scalar('hexColor', 'String'),
    spec.scalar('isDefaultCalendar', 'Boolean'),
    spec.scalar('changeKey', 'String'),
    spec.scalar('canShare', 'Boolean'),
    spec.scalar('canViewPrivateItems', 'Boolean'),
    spec.scalar('canEdit', 'Boolean'),
    spec.scalar('allowedOnlineMeetingProviders', 'Enum', { collection: true, sort: false }),
    spec.scalar('defaultOnlineMeetingProvider', 'Enum'),
    spec.scalar('isTallyingResponses', 'Boolean'),
    spec.scalar('isRemovable', 'Boolean'),
    spec.complex('owner', { name: 'String', address: 'String' }, { filter: true, sort: true }),
  ],
  expand: {
    events: 'expanding the events of calendars is not built yet',
    calendarView: 'expanding the calendarView of calendars is not built yet',
    calendarPermissions: 'it stores no calendar permissions',
    singleValueExtendedProperties: 'it stores no extended properties',
    multiValueExtendedProperties: 'it stores no extended properties',
  },
  search: null,
  defaultTop: 10,
  maxTop: 1000,
  orderbyLeadsFilter: false,
};
