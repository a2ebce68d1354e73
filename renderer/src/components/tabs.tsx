/**
 * A row of tabs as an ARIA tablist (WAI-ARIA Authoring Practices): one tab stop, the selected
 * tab; Left/Right move between tabs and select them (each panel shows at once), Home/End go to
 * the first and last. The panel is a TabPanel with the same `id`, so tab and panel name each other.
 */
import type { HTMLAttributes, KeyboardEvent, ReactNode } from 'react';

const tabId = (base: string, tab: string) => `${base}-tab-${tab}`;
const panelId = (base: string) => `${base}-panel`;

export function Tabs<T extends string>({
  id,
  tabs,
  value,
  onChange,
  label,
}: {
  /** Unique in the page: the tabs' and the panel's ids are made from it. */
  id: string;
  tabs: ReadonlyArray<{ id: T; label: string; badge?: string | number }>;
  value: T;
  onChange: (id: T) => void;
  label: string;
}) {
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const at = tabs.findIndex((t) => t.id === value);
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[e.key];
    if (to === undefined || tabs.length === 0) return;
    e.preventDefault();
    const next = tabs[(to + tabs.length) % tabs.length]!;
    onChange(next.id);
    // The tab exists already (every tab is always rendered): focus follows the selection.
    document.getElementById(tabId(id, next.id))?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
      {tabs.map((t) => {
        const selected = t.id === value;
        return (
          <button
            key={t.id}
            id={tabId(id, t.id)}
            role="tab"
            type="button"
            aria-selected={selected}
            aria-controls={selected ? panelId(id) : undefined}
            tabIndex={selected ? 0 : -1}
            className={selected ? 'tab active' : 'tab'}
            onClick={() => onChange(t.id)}
          >
            {t.label}
            {t.badge !== undefined && <span className="tab-badge">{t.badge}</span>}
          </button>
        );
      })}
    </div>
  );
}

/** What the selected tab of the Tabs with the same `id` shows. */
export function TabPanel({ id, value, children, ...rest }: { id: string; value: string; children: ReactNode } & HTMLAttributes<HTMLDivElement>) {
  return (
    <div {...rest} role="tabpanel" id={panelId(id)} aria-labelledby={tabId(id, value)}>
      {children}
    </div>
  );
}
