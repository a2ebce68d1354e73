/** Ctrl/⌘-O open, Ctrl/⌘-Enter build, Esc close or cancel: the same keys in Electron and in a browser. */
import { useEffect } from 'react';
import { commandEscape, runCommand } from './commands';

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'o') {
        e.preventDefault(); // the browser's own "open file"
        runCommand('open');
      } else if (mod && e.key === 'Enter') {
        e.preventDefault();
        runCommand('build');
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        // A native <select> that is open uses Esc itself.
        if ((e.target as HTMLElement | null)?.tagName === 'SELECT') return;
        commandEscape();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
