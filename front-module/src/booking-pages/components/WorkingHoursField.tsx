import type { Weekday } from '../booking-pages.types';
import { addRange, copyToBookableDays, removeRange, setDayAvailable, setRange, WEEKDAYS, weekHoursProblems, type WeekHours } from '../working-hours';
import { FormField } from './FormField';

interface WorkingHoursFieldProps {
  week: WeekHours;
  timeZone: string;
  /** Show each day's problem (after the member tried to save). */
  showProblems: boolean;
  error: string | null;
  onChange(week: WeekHours): void;
}

/** When guests can book, per weekday: on or off, and one or more time ranges in the page's time zone. */
export function WorkingHoursField({ week, timeZone, showProblems, error, onChange }: WorkingHoursFieldProps) {
  const problems = weekHoursProblems(week);
  return (
    <FormField id="booking-hours" label="Working hours" hint={`Times in ${timeZone}. Guests can book only inside these hours.`} error={error} group>
      <ul className="m365-hours" data-testid="booking-hours">
        {WEEKDAYS.map(({ day, label }) => (
          <DayRow key={day} day={day} label={label} week={week} problem={showProblems ? problems.days[day] : undefined} onChange={onChange} />
        ))}
      </ul>
    </FormField>
  );
}

function DayRow({ day, label, week, problem, onChange }: { day: Weekday; label: string; week: WeekHours; problem?: string; onChange(week: WeekHours): void }) {
  const hours = week[day];
  return (
    <li className={`m365-hours-day${hours.available ? '' : ' is-off'}`} data-testid="booking-hours-day" data-day={day} data-available={String(hours.available)}>
      <label className="m365-hours-name">
        <input type="checkbox" checked={hours.available} onChange={(event) => onChange(setDayAvailable(week, day, event.target.checked))} data-testid={`booking-hours-${day}`} />
        {label}
      </label>
      <div className="m365-hours-ranges">
        {!hours.available && <span className="m365-muted">Unavailable</span>}
        {hours.available &&
          hours.ranges.map((range, index) => (
            <span key={index} className="m365-hours-range">
              <input
                type="time"
                className="m365-input"
                value={range.start}
                aria-label={`${label} from`}
                aria-invalid={Boolean(problem)}
                onChange={(event) => onChange(setRange(week, day, index, { start: event.target.value }))}
                data-testid={`booking-hours-${day}-start-${index}`}
              />
              <span aria-hidden="true">–</span>
              <input
                type="time"
                className="m365-input"
                value={range.end}
                aria-label={`${label} until`}
                aria-invalid={Boolean(problem)}
                onChange={(event) => onChange(setRange(week, day, index, { end: event.target.value }))}
                data-testid={`booking-hours-${day}-end-${index}`}
              />
              <button type="button" className="m365-icon-button" aria-label={`Remove ${label} ${range.start}–${range.end}`} onClick={() => onChange(removeRange(week, day, index))}>
                ×
              </button>
            </span>
          ))}
        {problem && <span className="m365-form-error">{problem}</span>}
      </div>
      <div className="m365-hours-actions">
        <button type="button" className="m365-link-button" onClick={() => onChange(addRange(week, day))} aria-label={`Add hours on ${label}`}>
          Add hours
        </button>
        {hours.available && (
          <button type="button" className="m365-link-button" onClick={() => onChange(copyToBookableDays(week, day))} aria-label={`Copy ${label}'s hours to the other available days`}>
            Copy to all
          </button>
        )}
      </div>
    </li>
  );
}
