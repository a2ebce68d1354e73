/** A labelled form control with its error right under it, where the eye already is. */
import type { ReactNode } from 'react';

export function Field({ label, name, error, hint, children, wide }: {
  label: string;
  /** The request field this control edits: errors from the core are matched by it. */
  name: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}) {
  return (
    <div className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`} data-field={name}>
      <label className="field-label">
        <span>{label}</span>
        {children}
      </label>
      {error ? (
        <div className="field-error" role="alert" data-testid={`error-${name}`}>{error}</div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}
