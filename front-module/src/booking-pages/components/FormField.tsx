import type { ReactNode } from 'react';

interface FormFieldProps {
  /** The control's id; the hint and the error are `${id}-hint` and `${id}-error`, for aria-describedby. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** A group of controls (radios, checkboxes, a table) is a fieldset with a legend instead of a label. */
  group?: boolean;
  children: ReactNode;
}

export const describedBy = (id: string, hint: boolean, error: boolean) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

/** One labelled field of the booking page editor, its hint under the label and its error under the control. */
export function FormField({ id, label, hint, error, group, children }: FormFieldProps) {
  const body = (
    <>
      {hint && (
        <span className="m365-field-caption" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {children}
      {error && (
        <span className="m365-form-error" id={`${id}-error`} role="alert" data-testid={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
  if (group) {
    return (
      <fieldset className="m365-field" data-field={id} aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}>
        <legend className="m365-field-label">{label}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div className="m365-field" data-field={id}>
      <label className="m365-field-label" htmlFor={id}>
        {label}
      </label>
      {body}
    </div>
  );
}
