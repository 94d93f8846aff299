import type { PersonAvailability } from '../scheduling.types';
import { gridRange, localTime, placeOnGrid } from '../day-grid';

interface AvailabilityGridProps {
  date: string;
  people: PersonAvailability[] | null;
  organiser: string;
  meeting: { start: Date; end: Date } | null;
  loading: boolean;
  error: string | null;
}

const STATUS_LABELS = { BUSY: 'Busy', TENTATIVE: 'Tentative', OOF: 'Out of office', WORKING_ELSEWHERE: 'Working elsewhere' } as const;

/** The day as a grid: a row per person with their busy blocks, outsiders as unknown, the meeting as a column across. */
export function AvailabilityGrid({ date, people, organiser, meeting, loading, error }: AvailabilityGridProps) {
  const range = gridRange(date, meeting);
  const slot = meeting ? placeOnGrid(range, meeting.start, meeting.end) : null;
  const conflicts = new Set(
    (people ?? []).filter((person) => person.busy.some((block) => block.status !== 'WORKING_ELSEWHERE' && meeting && new Date(block.start) < meeting.end && new Date(block.end) > meeting.start)).map((person) => person.email),
  );
  return (
    <div className="m365-grid" data-testid="availability-grid" aria-busy={loading}>
      <div className="m365-grid-row m365-grid-hours">
        <span className="m365-grid-name" />
        <div className="m365-grid-track">
          {range.hours.map((hour) => {
            const place = placeOnGrid(range, hour, new Date(hour.getTime() + 3_600_000));
            return (
              <span key={hour.getTime()} className="m365-grid-hour" style={{ left: `${place?.left ?? 0}%` }}>
                {localTime(hour)}
              </span>
            );
          })}
        </div>
      </div>
      {(people ?? []).map((person) => (
        <div key={person.email} className="m365-grid-row" data-testid="availability-row" data-email={person.email} data-known={person.known}>
          <span className="m365-grid-name" title={person.email}>
            {person.email === organiser ? 'You' : person.email}
            {conflicts.has(person.email) && <span className="m365-grid-conflict" title="Busy at this time"> ●</span>}
          </span>
          <div className={`m365-grid-track${person.known ? '' : ' is-unknown'}`}>
            {!person.known && <span className="m365-grid-unknown">Availability unknown (outside your organisation)</span>}
            {slot && <span className="m365-grid-slot" style={{ left: `${slot.left}%`, width: `${slot.width}%` }} aria-hidden="true" />}
            {person.busy.map((block) => {
              const place = placeOnGrid(range, new Date(block.start), new Date(block.end));
              if (!place) return null;
              const label = `${STATUS_LABELS[block.status]} ${localTime(new Date(block.start))}–${localTime(new Date(block.end))}`;
              return (
                <span key={`${block.start}-${block.status}`} className={`m365-grid-busy is-${block.status.toLowerCase()}`} style={{ left: `${place.left}%`, width: `${place.width}%` }} title={label} aria-label={label} data-testid="busy-block" data-status={block.status} />
              );
            })}
          </div>
        </div>
      ))}
      {error && <p className="m365-form-error" role="alert">{error}</p>}
      {!people && loading && <p className="m365-muted">Loading availability…</p>}
    </div>
  );
}
