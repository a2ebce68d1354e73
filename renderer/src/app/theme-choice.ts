/**
 * Light, dark, or the system's: chosen in the top bar, remembered by the core (preferences.json,
 * across launches: browser mode's origin changes with its port, and with it the page's storage)
 * and in this page's localStorage, which public/theme-boot.js reads before the first paint to
 * mark <html>. This module starts from that mark, and takes the core's choice when this origin
 * has none stored (a new port, a new profile).
 */
import { create } from 'zustand';
import type { Preferences } from '@shared/contract/api';
import { api } from '../api/bridge';

export type ThemeChoice = Preferences['theme'];
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

/** 'system' until startThemeStore reads what theme-boot.js applied (importing reads nothing). */
export const useTheme = create<{ choice: ThemeChoice }>(() => ({ choice: 'system' }));

/** Chosen in the top bar: applied, and remembered here and by the core. */
export function chooseTheme(choice: ThemeChoice): void {
  apply(choice);
  // Not remembered across launches if the core can't be told; the choice still holds here.
  api.setPreferences({ theme: choice }).catch(() => undefined);
}

/**
 * A page whose origin has no choice of its own yet (browser mode on a new port, a new profile)
 * takes the core's once connected. One that has one keeps it: it was made here, and also sent to
 * the core, so the two agree unless that message is still on its way (a reload right after a
 * choice), when the page's is the newer. Returns the stop (a late answer is then ignored).
 */
export function startThemeStore(): () => void {
  useTheme.setState({ choice: applied() });
  let live = true;
  if (storedHere() !== null) return () => undefined;
  api.preferences({}).then(
    (p) => {
      if (live && storedHere() === null) apply(p.theme);
    },
    () => undefined, // the connection banner says what is wrong; the page's own theme stands
  );
  return () => {
    live = false;
  };
}

function storedHere(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function apply(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
  try {
    // 'system' is written too (theme-boot.js applies only light and dark): it says a choice was made here.
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // Storage refused: the choice holds for this page only.
  }
  useTheme.setState({ choice });
}
