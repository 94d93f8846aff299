import { useMemo } from 'react';
import { timeZoneChoices } from '../time-zones';
import { describedBy, FormField } from './FormField';

/** The page's IANA time zone, from the browser's list (Outlook's zone kept even when the browser does not list it). */
export function TimeZoneField({ value, error, onChange }: { value: string; error: string | null; onChange(zone: string): void }) {
  const zones = useMemo(() => timeZoneChoices(value), [value]);
  return (
    <FormField id="booking-time-zone" label="Time zone" hint="Your working hours are in this zone; guests see times in theirs." error={error}>
      <select
        id="booking-time-zone"
        className="m365-select"
        value={value}
        aria-invalid={Boolean(error)}
        aria-describedby={describedBy('booking-time-zone', true, Boolean(error))}
        onChange={(event) => onChange(event.target.value)}
        data-testid="booking-time-zone"
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll('_', ' ')}
          </option>
        ))}
      </select>
    </FormField>
  );
}
