import type { SettingOption } from '../accounts/channel-setting-options';

interface SelectFieldProps<T extends string> {
  label: string;
  options: SettingOption<T>[];
  value: T;
  disabled?: boolean;
  onChange(value: T): void;
  testId: string;
}

export function SelectField<T extends string>({ label, options, value, disabled, onChange, testId }: SelectFieldProps<T>) {
  const selected = options.find((option) => option.value === value);
  return (
    <label className="m365-select-row">
      <span className="m365-toggle-text">
        <span className="m365-toggle-label">{label}</span>
        {selected && <span className="m365-toggle-description">{selected.description}</span>}
      </span>
      <select className="m365-select" value={value} disabled={disabled} onChange={(event) => onChange(event.target.value as T)} data-testid={testId}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
