export { microsoftPluginFront } from './plugin-front/plugin-front';
export type * from './plugin-front/plugin-front.types';
export { calendarColor, DEFAULT_CALENDAR_COLOR } from './accounts/calendar-color';
