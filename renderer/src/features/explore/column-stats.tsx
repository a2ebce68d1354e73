/** A column's statistics, read on demand (a pass over its values), and the index type they suggest. */
import { useState } from 'react';
import type { ColumnStats } from '@shared/contract/manage';
import type { SchemaField } from '@shared/contract/dataset';
import { api } from '../../api/bridge';
import { useDataset } from '../dataset/dataset-store';
import { statsFacts, suggestionLine } from './column-stats-facts';

type Look = { state: 'idle' } | { state: 'reading' } | { state: 'read'; stats: ColumnStats } | { state: 'failed'; message: string };

export function useColumnStats(field: SchemaField) {
  const [look, setLook] = useState<Look>({ state: 'idle' });
  const read = async () => {
    const target = useDataset.getState().target;
    if (!target) return;
    setLook({ state: 'reading' });
    try {
      setLook({ state: 'read', stats: await api.columnStats({ target, column: field.path }) });
    } catch (err) {
      setLook({ state: 'failed', message: (err as Error).message });
    }
  };
  return { look, read, hide: () => setLook({ state: 'idle' }) };
}

export function ColumnStatsPanel({ field, look, id }: { field: SchemaField; look: Look; id: string }) {
  if (look.state === 'idle') return null;
  if (look.state === 'reading')
    return (
      <div id={id} className="column-stats muted small" role="status">
        Reading {field.path}…
      </div>
    );
  if (look.state === 'failed')
    return (
      <div id={id} className="column-stats field-error" role="alert">
        {look.message}
      </div>
    );
  return (
    <div id={id} className="column-stats" data-testid="column-stats" data-column={field.path}>
      <dl>
        {statsFacts(look.stats).map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd className="num">{f.value}</dd>
          </div>
        ))}
      </dl>
      <p className="suggestion" data-testid="index-suggestion">
        {suggestionLine(field.type, look.stats)}
      </p>
    </div>
  );
}
