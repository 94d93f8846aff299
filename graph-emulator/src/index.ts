export { startGraphEmulator } from './server.js';
export type { GraphEmulatorOptions, RunningGraphEmulator } from './server.js';
export type { EmulatorStore } from './store/emulator-store.js';
export { InMemoryEmulatorStore, DEFAULT_CONFIG } from './store/in-memory-emulator-store.js';
export type * from './store/emulator-records.js';
export { DEMO_TENANTS, DEMO_USERS, DEMO_APP, CONTOSO_TENANT_ID, FABRIKAM_TENANT_ID } from './seed/demo-tenants.js';
export { DEMO_DIRECTORY } from './seed/demo-directory.js';
export type { DemoCompany, DemoPerson, DemoDirectory } from './seed/demo-directory.js';
export { DEMO_MAILBOX_PROFILES, DEMO_NEWSLETTER, DEMO_STRANGERS } from './seed/demo-mail.js';
export type { DemoMailboxProfile, DemoMailTopic, DemoStranger } from './seed/demo-mail.js';
export { generateDemoMail } from './seed/demo-mail-generator.js';
export type { DemoMailInput } from './seed/demo-mail-generator.js';
export { demoMailProfile, resolveDemoMailOptions, seedDemoMail, seedDemoMailbox } from './seed/demo-mail-seeder.js';
export type { DemoMailOptions, ResolvedDemoMailOptions } from './seed/demo-mail-seeder.js';
export { GRAPH_RESOURCE_APP_ID } from './tokens/token-format.js';
export type { MailStore, MessageView, DeltaChange } from './store/mail-store.js';
export type * from './store/mail-records.js';
export { WELL_KNOWN_FOLDERS } from './store/mail-records.js';
export { InMemoryMailStore, DEFAULT_MAIL_SETTINGS } from './store/in-memory-mail-store.js';
export type { MailChangeEvent, MailChangeListener } from './store/mail-store.js';
export type { SubscriptionStore } from './store/subscription-store.js';
export type * from './store/subscription-records.js';
export { InMemorySubscriptionStore, DEFAULT_NOTIFICATION_SETTINGS } from './store/in-memory-subscription-store.js';
export { NotificationService, newValidationToken } from './notifications/notification-service.js';
export type { NotificationServiceOptions, TriggerLifecycleOptions, TriggerLifecycleResult } from './notifications/notification-service.js';
export type { CalendarStore, EventChangeEvent } from './store/calendar/calendar-store.js';
export type {
  Attendee, CalendarChange, CalendarColor, CalendarRecord, DateTimeTimeZone, EventContent, EventRecord, NewCalendarInput, OccurrenceOverride,
  OnlineMeetingInfo, OnlineMeetingProvider, PatternedRecurrence, RecurrencePattern, RecurrenceRange, ResponseStatus, ResponseType,
} from './store/calendar/calendar-records.js';
export { InMemoryCalendarStore } from './store/calendar/in-memory-calendar-store.js';
export { expand as expandEvent, occurrenceId, parseOccurrenceId } from './calendar/event-instances.js';
export type { EventInstance, InstanceType } from './calendar/event-instances.js';
export { ianaZone } from './calendar/time-zones.js';
export { createEvent, updateEvent, deleteEvent } from './calendar/event-writes.js';
export { respondToEvent } from './calendar/meeting-responses.js';
