/**
 * A labelled form control with its error right under it, where the eye already is. The error
 * (or else the hint) is the control's description, and an error marks it invalid, so a screen
 * reader says both when the control is reached.
 */
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

export function Field({
  label,
  name,
  error,
  hint,
  children,
  wide,
  group,
}: {
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
  const messageId = `${useId()}-message`;
  // Forms pass `cond && <hint/>` or `cond ? text : undefined`: only a hint with something in it describes.
  const hasMessage = !!error || (hint !== undefined && hint !== null && hint !== false && hint !== '');
  const box = useRef<HTMLDivElement>(null);
  // The children are plain controls of many shapes (a stepper, an input beside Browse…, a select
  // from another component): linking them here, after each render, keeps every form right
  // without each control repeating the ids. React leaves attributes it doesn't manage alone.
  useLayoutEffect(() => {
    if (group) return;
    const control = box.current?.querySelector('input, select, textarea');
    if (!control) return;
    if (hasMessage) control.setAttribute('aria-describedby', messageId);
    else control.removeAttribute('aria-describedby');
    if (error) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  });
  const Wrapper = group ? 'div' : 'label';
  return (
    <div ref={box} className={`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`} data-field={name}>
      <Wrapper
        className="field-label"
        role={group ? 'group' : undefined}
        aria-label={group ? label : undefined}
        aria-describedby={group && hasMessage ? messageId : undefined}
      >
        <span>{label}</span>
        {children}
      </Wrapper>
      {error ? (
        <div className="field-error" role="alert" id={messageId} data-testid={`error-${name}`}>
          {error}
        </div>
      ) : hasMessage ? (
        <div className="field-hint" id={messageId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
