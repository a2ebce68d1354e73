/**
 * The schema as a tree: type, nullability, which indices each column carries, and (on demand)
 * a column's statistics with the index type they suggest.
 */
import { useId } from 'react';
import type { DatasetDescription, SchemaField } from '@shared/contract/dataset';
import { ColumnStatsPanel, useColumnStats } from './column-stats';

type Badges = Map<string, Array<{ name: string; type: string }>>;

function SchemaRow({ f, depth, badges, readOnly }: { f: SchemaField; depth: number; badges: Badges; readOnly: boolean }) {
  const { look, read, hide } = useColumnStats(f);
  const panelId = useId();
  const open = look.state !== 'idle';
  return (
    <div className="schema-node">
      <div className="schema-row" data-testid="schema-row" data-column={f.path} style={{ paddingLeft: 10 + depth * 18 }}>
        <span className="schema-name">
          {depth > 0 && (
            <span className="tree-line" aria-hidden>
              └{' '}
            </span>
          )}
          {f.name}
        </span>
        <span className="schema-type" title={f.type.arrow}>
          {f.type.arrow}
        </span>
        <span className="schema-null">{f.nullable ? 'nullable' : 'not null'}</span>
        <span className="schema-badges">
          {(badges.get(f.path) ?? []).map((b) => (
            <span key={b.name} className="badge index-badge" title={`${b.type} index '${b.name}'`}>
              {b.name} · {b.type}
            </span>
          ))}
          {/* Statistics read the latest version; a struct has none of its own (its fields do). */}
          {!readOnly && f.type.kind !== 'struct' && (
            <button
              type="button"
              className="ghost small stats-button"
              data-testid="column-stats-button"
              aria-expanded={open}
              aria-controls={open ? panelId : undefined}
              aria-label={`${open ? 'Hide' : 'Show'} statistics of ${f.path}`}
              onClick={() => (open ? hide() : void read())}
            >
              {open ? 'hide statistics' : 'statistics'}
            </button>
          )}
        </span>
      </div>
      <ColumnStatsPanel field={f} look={look} id={panelId} />
      {f.children?.map((c) => (
        <SchemaRow key={c.path} f={c} depth={depth + 1} badges={badges} readOnly={readOnly} />
      ))}
    </div>
  );
}

export function SchemaTree({ d, readOnly = false }: { d: DatasetDescription; readOnly?: boolean }) {
  const badges: Badges = new Map();
  for (const i of d.indices) for (const f of i.fields) badges.set(f, [...(badges.get(f) ?? []), { name: i.name, type: i.type }]);
  return (
    <div className="schema-tree" data-testid="schema-tree">
      <div className="schema-row head">
        <span>column</span>
        <span>type</span>
        <span>null</span>
        <span>indices</span>
      </div>
      {d.schema.map((f) => (
        <SchemaRow key={f.path} f={f} depth={0} badges={badges} readOnly={readOnly} />
      ))}
    </div>
  );
}
