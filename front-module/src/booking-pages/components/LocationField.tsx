import { LOCATION_KINDS } from '../booking-page-form';
import type { BookingLocationKind } from '../booking-pages.types';
import { describedBy, FormField } from './FormField';

interface LocationFieldProps {
  kind: BookingLocationKind;
  detail: string;
  teamsAvailable: boolean;
  teamsUnavailableReason: string | null;
  /** What guests get instead while the page asks for Teams its account cannot give (the server says). */
  fallback: string | null;
  error: string | null;
  onKind(kind: BookingLocationKind): void;
  onDetail(detail: string): void;
}

/** Where the meeting happens: Teams (work or school accounts), a phone number, an address or a link. */
export function LocationField({ kind, detail, teamsAvailable, teamsUnavailableReason, fallback, error, onKind, onDetail }: LocationFieldProps) {
  const chosen = LOCATION_KINDS.find((each) => each.kind === kind)!;
  const teamsReason = teamsUnavailableReason ?? 'Teams meetings need a work or school account';
  return (
    <FormField id="booking-location" label="Location" error={error} group>
      <div className="m365-option-cards" role="radiogroup" aria-label="Location kind">
        {LOCATION_KINDS.map((option) => {
          const disabled = option.kind === 'TEAMS' && !teamsAvailable;
          return (
            <label
              key={option.kind}
              className={`m365-option-card${option.kind === kind ? ' is-selected' : ''}${disabled ? ' is-disabled' : ''}`}
              data-testid={`booking-location-${option.kind}`}
            >
              <input
                type="radio"
                name="booking-location-kind"
                value={option.kind}
                checked={option.kind === kind}
                disabled={disabled}
                aria-describedby={disabled ? 'booking-location-teams-reason' : undefined}
                onChange={() => onKind(option.kind)}
              />
              <span className="m365-option-card-label">{option.label}</span>
              {disabled && (
                <span className="m365-option-card-description" id="booking-location-teams-reason" data-testid="booking-location-teams-reason">
                  {teamsReason}
                </span>
              )}
            </label>
          );
        })}
      </div>
      {kind === 'TEAMS' && !teamsAvailable && (
        <p className="m365-banner-warning" data-testid="booking-location-fallback">
          <strong>Teams meeting unavailable.</strong> {fallback ?? `${teamsReason}: choose another location, or guests get no meeting link.`}
        </p>
      )}
      {chosen.detailLabel && (
        <label className="m365-field-inline">
          <span>{chosen.detailLabel}</span>
          <input
            className="m365-input"
            type={kind === 'CUSTOM_LINK' ? 'url' : kind === 'PHONE' ? 'tel' : 'text'}
            value={detail}
            placeholder={chosen.placeholder}
            aria-invalid={Boolean(error)}
            aria-describedby={describedBy('booking-location', false, Boolean(error))}
            onChange={(event) => onDetail(event.target.value)}
            data-testid="booking-location-detail"
          />
        </label>
      )}
    </FormField>
  );
}
