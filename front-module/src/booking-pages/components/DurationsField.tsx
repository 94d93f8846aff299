import { useState } from 'react';
import { DURATION_CHOICES, DURATION_MAX, DURATION_MIN, durationProblem } from '../booking-page-form';
import { durationLabel } from '../booking-page-labels';
import { FormField } from './FormField';

interface DurationsFieldProps {
  durations: number[];
  error: string | null;
  onToggle(minutes: number): void;
}

/** The meeting lengths a guest can pick from: the usual ones, and any other of 5–480 minutes. */
export function DurationsField({ durations, error, onToggle }: DurationsFieldProps) {
  const [other, setOther] = useState('');
  const [otherError, setOtherError] = useState<string | null>(null);
  const choices = [...new Set([...DURATION_CHOICES, ...durations])].sort((a, b) => a - b);
  const add = () => {
    const minutes = Number(other);
    const problem = /^\d+$/.test(other) ? durationProblem(minutes) : `Enter minutes, ${DURATION_MIN} to ${DURATION_MAX}`;
    setOtherError(problem);
    if (problem) return;
    if (!durations.includes(minutes)) onToggle(minutes);
    setOther('');
  };
  return (
    <FormField id="booking-durations" label="Durations" hint="Guests choose one of these when they book." error={error ?? otherError} group>
      <div className="m365-chip-choices">
        {choices.map((minutes) => (
          <label key={minutes} className={`m365-chip-choice${durations.includes(minutes) ? ' is-selected' : ''}`}>
            <input type="checkbox" checked={durations.includes(minutes)} onChange={() => onToggle(minutes)} data-testid={`booking-duration-${minutes}`} />
            {durationLabel(minutes)}
          </label>
        ))}
        <span className="m365-inline-add">
          <input
            type="number"
            className="m365-input m365-input-short"
            min={DURATION_MIN}
            max={DURATION_MAX}
            value={other}
            aria-label="Other duration in minutes"
            placeholder="min"
            onChange={(event) => setOther(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
            data-testid="booking-duration-other"
          />
          <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={add}>
            Add
          </button>
        </span>
      </div>
    </FormField>
  );
}
