/**
 * Keeps a popover inside the window: opened near the right edge it is aligned to its anchor's
 * right instead of its left; it opens upwards when there is more room above than below; and it
 * scrolls rather than run off-screen (at 1024×640 the Build form's popovers would be cut off).
 */
import { useLayoutEffect, useState, type CSSProperties, type RefObject } from 'react';

const MARGIN = 8;
/** Below this much room under its anchor a popover looks for more above. */
const ROOM_WANTED = 260;

export function useInsideWindow(ref: RefObject<HTMLElement | null>, open: boolean): CSSProperties {
  const [style, setStyle] = useState<CSSProperties>({});
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const el = ref.current;
      const anchor = el?.offsetParent?.getBoundingClientRect();
      if (!el || !anchor) return;
      const next: CSSProperties = { overflowY: 'auto' };
      if (anchor.left + el.offsetWidth > window.innerWidth - MARGIN) Object.assign(next, { left: 'auto', right: 0 });
      const below = window.innerHeight - anchor.bottom - MARGIN;
      const above = anchor.top - MARGIN;
      if (below < ROOM_WANTED && above > below) Object.assign(next, { top: 'auto', bottom: anchor.height + 4, maxHeight: above });
      else next.maxHeight = Math.max(120, below);
      setStyle(next);
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [ref, open]);
  return style;
}
