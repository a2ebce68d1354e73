/**
 * Light, dark, or the system's: chosen in the top bar, remembered in this browser profile's
 * localStorage. public/theme-boot.js reads the same key before the first paint and marks <html>;
 * this module starts from that mark, so the two never disagree about what was applied.
 */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: ReadonlyArray<{ id: ThemeChoice; label: string }> = [
  { id: 'system', label: 'System' },
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
];

/** Also spelled out in public/theme-boot.js, which can't import it (it runs before any module). */
const STORAGE_KEY = 'lance-index-studio.theme';

function applied(): ThemeChoice {
  const t = document.documentElement.dataset.theme;
  return t === 'light' || t === 'dark' ? t : 'system';
}

export const useTheme = create<{ choice: ThemeChoice }>(() => ({ choice: applied() }));

export function chooseTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
  useTheme.setState({ choice });
}
