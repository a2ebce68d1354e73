/**
 * Each screen's heading (h1): names the screen and the dataset for screen readers and is where
 * focus goes after a successful Open. Visually hidden: the top bar's selected tab and the
 * sidebar already say both on screen.
 */
import { useEffect, useRef } from 'react';
import { focusTaken, useFocusAfterOpen } from '../features/dataset/focus-after-open';

export function ScreenHeading({ text }: { text: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const pending = useFocusAfterOpen((s) => s.pending);
  useEffect(() => {
    if (!pending || !ref.current) return;
    ref.current.focus();
    focusTaken();
  }, [pending]);
  return (
    <h1 ref={ref} className="visually-hidden" tabIndex={-1} data-testid="screen-heading">
      {text}
    </h1>
  );
}
