interface ToggleProps {
  label: string;
  description?: string;
  checked: boolean;
  onChange(checked: boolean): void;
  testId: string;
}

export function Toggle({ label, description, checked, onChange, testId }: ToggleProps) {
  return (
    <label className="m365-toggle-row">
      <span className="m365-toggle-text">
        <span className="m365-toggle-label">{label}</span>
        {description && <span className="m365-toggle-description">{description}</span>}
      </span>
      <input type="checkbox" role="switch" className="m365-toggle" checked={checked} onChange={(event) => onChange(event.target.checked)} data-testid={testId} />
    </label>
  );
}
