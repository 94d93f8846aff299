import type { BookingCalendar } from '../booking-pages.types';
import { FormField } from './FormField';

interface BusyCalendarsFieldProps {
  calendars: BookingCalendar[];
  selected: string[];
  error: string | null;
  onChange(ids: string[]): void;
}

/** Which of the account's Outlook calendars block time: a meeting on any of them is busy on the page. */
export function BusyCalendarsField({ calendars, selected, error, onChange }: BusyCalendarsFieldProps) {
  const toggle = (id: string, on: boolean) => onChange(on ? [...selected, id] : selected.filter((each) => each !== id));
  return (
    <FormField id="booking-calendars" label="Calendars that count as busy" hint="Time taken on any of these is not offered to guests." error={error} group>
      {calendars.length === 0 ? (
        <p className="m365-muted">The account’s calendars appear here after its calendar has synced once (Settings → Accounts).</p>
      ) : (
        <ul className="m365-folder-list" data-testid="booking-calendars">
          {calendars.map((calendar) => (
            <li key={calendar.id} className="m365-folder-row">
              <label className="m365-folder-label">
                <input type="checkbox" checked={selected.includes(calendar.id)} onChange={(event) => toggle(calendar.id, event.target.checked)} data-testid={`booking-calendar-${calendar.name}`} />
                <span className="m365-folder-name">{calendar.name}</span>
                {calendar.isDefaultCalendar && <span className="m365-folder-tag">Default</span>}
                {!calendar.isOwn && <span className="m365-folder-note">shared with you</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </FormField>
  );
}
