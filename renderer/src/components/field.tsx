/** A labelled form control with its error right under it, where the eye already is. */
import type { ReactNode } from 'react';

export function Field({ label, name, error, hint, children, wide, group }: {
  label: string;
  /** The request field this control edits: errors from the core are matched by it. */
  name: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
  /** The control is a set of buttons, not one input: a labelled group (a <label> would rename the buttons). */
  group?: boolean;
}) {
  const Wrapper = group ? 'div' : 'label';
  return (
    <div className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`} data-field={name}>
      <Wrapper className="field-label" role={group ? 'group' : undefined} aria-label={group ? label : undefined}>
        <span>{label}</span>
        {children}
      </Wrapper>
      {error ? (
        <div className="field-error" role="alert" data-testid={`error-${name}`}>{error}</div>
      ) : hint ? (
        <div className="field-hint">{hint}</div>
      ) : null}
    </div>
  );
}
