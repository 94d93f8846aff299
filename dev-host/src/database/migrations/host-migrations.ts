import { CreateHostSchema1700000000000 } from './1700000000000-create-host-schema.js';
import { CalendarEventZoneAndPrivacy1700000000001 } from './1700000000001-calendar-event-zone-and-privacy.js';
import { PersonPhones1700000000005 } from './1700000000005-person-phones.js';

/** The host's migrations, oldest first. They must stay older than any of the plugin's (TypeORM orders by timestamp). */
export const hostMigrations: Function[] = [CreateHostSchema1700000000000, CalendarEventZoneAndPrivacy1700000000001, PersonPhones1700000000005];
