/**
 * Brings a run into view when it starts, and keeps it there while it grows (its batches, then
 * its result, appear below the form): on a small window (1024×640) it would otherwise start
 * below the fold. It lets go as soon as the person scrolls, clicks or types in the screen.
 */
import { useEffect, type RefObject } from 'react';

const TAKE_OVER = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;

export function useBringIntoView(ref: RefObject<HTMLElement | null>, key: string | undefined): void {
  useEffect(() => {
    const el = ref.current;
    const screen = el?.closest('.content');
    if (!key || !el || !screen) return;
    const bringUp = () => {
      const box = el.getBoundingClientRect();
      const view = screen.getBoundingClientRect();
      if (box.bottom > view.bottom && box.top > view.top) el.scrollIntoView({ block: 'start' });
    };
    const observer = new ResizeObserver(bringUp);
    const letGo = () => {
      observer.disconnect();
      for (const e of TAKE_OVER) screen.removeEventListener(e, letGo);
    };
    for (const e of TAKE_OVER) screen.addEventListener(e, letGo, { passive: true });
    observer.observe(el);
    bringUp();
    return letGo;
  }, [ref, key]);
}
