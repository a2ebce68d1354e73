/** The top bar's light / dark / system switch: a native select, so keyboards and screen readers know it already. */
import { chooseTheme, THEME_CHOICES, useTheme, type ThemeChoice } from './theme-choice';

export function ThemeSwitch() {
  const choice = useTheme((s) => s.choice);
  return (
    <label className="theme-switch" title="Theme: light, dark, or as the system says">
      <span aria-hidden="true">◐</span>
      <select aria-label="Theme" data-testid="theme-switch" value={choice} onChange={(e) => chooseTheme(e.target.value as ThemeChoice)}>
        {THEME_CHOICES.map((t) => (
          <option key={t.id} value={t.id}>
            {t.label}
          </option>
        ))}
      </select>
    </label>
  );
}
