import { describedBy, FormField } from './FormField';

interface NumberFieldProps {
  id: string;
  label: string;
  unit: string;
  hint?: string;
  value: string;
  placeholder?: string;
  error: string | null;
  onChange(value: string): void;
}

/** A whole number with its unit after it ("15 minutes"), kept as typed so it can be empty while edited. */
export function NumberField({ id, label, unit, hint, value, placeholder, error, onChange }: NumberFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      <span className="m365-input-with-unit">
        <input
          id={id}
          className="m365-input m365-input-short"
          inputMode="numeric"
          value={value}
          placeholder={placeholder}
          aria-invalid={Boolean(error)}
          aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
          onChange={(event) => onChange(event.target.value)}
          data-testid={id}
        />
        <span className="m365-muted">{unit}</span>
      </span>
    </FormField>
  );
}
