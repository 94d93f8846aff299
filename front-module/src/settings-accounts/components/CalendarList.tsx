import { useRecoilCallback, useRecoilValue } from 'recoil';
import { calendarColor } from '../../accounts/calendar-color';
import type { MicrosoftCalendar } from '../../graphql/microsoft-account.types';
import { calendarToggleErrorState, pendingCalendarSyncedState } from '../../state/calendar-sync.state';

interface CalendarListProps {
  channelId: string;
  calendars: MicrosoftCalendar[];
  onToggle(calendar: MicrosoftCalendar, isSynced: boolean): void;
}

function CalendarRow({ calendar, onToggle }: { calendar: MicrosoftCalendar; onToggle(calendar: MicrosoftCalendar, isSynced: boolean): void }) {
  const pending = useRecoilValue(pendingCalendarSyncedState(calendar.id));
  const checked = pending ?? calendar.isSynced;
  const sharedBy = !calendar.isOwn && calendar.ownerAddress ? `shared by ${calendar.ownerAddress}` : null;
  return (
    <li className="m365-folder-row m365-calendar-row" data-testid="calendar-row" data-calendar-name={calendar.name} data-synced={String(checked)} data-can-edit={String(calendar.canEdit)}>
      <label className="m365-folder-label">
        <input
          type="checkbox"
          checked={checked}
          disabled={pending !== null}
          aria-label={`Sync ${calendar.name}`}
          onChange={(event) => onToggle(calendar, event.target.checked)}
          data-testid={`calendar-toggle-${calendar.name}`}
        />
        <span className="m365-calendar-swatch" style={{ background: calendarColor(calendar) }} data-testid="calendar-color" aria-hidden="true" />
        <span className="m365-folder-name">{calendar.name}</span>
        {calendar.isDefaultCalendar && <span className="m365-folder-tag">Default</span>}
        {sharedBy && <span className="m365-folder-note">{sharedBy}</span>}
        {!calendar.canEdit && (
          <span className="m365-folder-note" data-testid="calendar-read-only">
            shared, read only
          </span>
        )}
      </label>
    </li>
  );
}

/** "Calendars to sync": each of the account's calendars, its Outlook colour and a checkbox. */
export function CalendarList({ channelId, calendars, onToggle }: CalendarListProps) {
  const error = useRecoilValue(calendarToggleErrorState(channelId));
  const dismiss = useRecoilCallback(({ set }) => () => set(calendarToggleErrorState(channelId), null), [channelId]);
  const synced = calendars.filter((calendar) => calendar.isSynced).length;
  return (
    <div className="m365-folder-tree" data-testid="calendar-list">
      <p className="m365-field-caption">
        {calendars.length === 0 ? 'The calendars appear here after the first sync has listed them.' : `Calendars to sync: ${synced} of ${calendars.length}. A calendar left out is removed from the CRM at the next sync.`}
      </p>
      {error && (
        <div className="m365-banner m365-banner-error" data-testid="calendar-toggle-error">
          <span>{error}</span>
          <button type="button" className="m365-icon-button" aria-label="Dismiss" onClick={dismiss}>
            ×
          </button>
        </div>
      )}
      {calendars.length > 0 && (
        <ul className="m365-folder-list">
          {calendars.map((calendar) => (
            <CalendarRow key={calendar.id} calendar={calendar} onToggle={onToggle} />
          ))}
        </ul>
      )}
    </div>
  );
}
