import type { SettingOption } from '../accounts/channel-setting-options';

interface OptionCardsProps<T extends string> {
  name: string;
  options: SettingOption<T>[];
  value: T;
  onChange(value: T): void;
  testIdPrefix: string;
}

/** A row of selectable cards, one per option, as Twenty's visibility pickers look. */
export function OptionCards<T extends string>({ name, options, value, onChange, testIdPrefix }: OptionCardsProps<T>) {
  return (
    <div className="m365-option-cards" role="radiogroup">
      {options.map((option) => (
        <label key={option.value} className={`m365-option-card${option.value === value ? ' is-selected' : ''}`} data-testid={`${testIdPrefix}-${option.value}`}>
          <input type="radio" name={name} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} />
          <span className="m365-option-card-label">{option.label}</span>
          <span className="m365-option-card-description">{option.description}</span>
        </label>
      ))}
    </div>
  );
}
