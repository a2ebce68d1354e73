/** A paged look at the rows, 100 at a time. */
import { useEffect, useState } from 'react';
import type { RowsPage } from '@shared/contract/api';
import { api } from '../../api/bridge';
import { useDataset } from '../dataset/dataset-store';
import { EmptyState } from '../../components/empty-state';
import { useOlderVersion } from './older-version-store';
import { RowsGrid } from './rows-grid';

const PAGE = 100;

export function DataView() {
  const target = useDataset((s) => s.target);
  const generation = useDataset((s) => s.generation);
  // The rows of the version Explore shows: an older one opened read-only, else the latest.
  const version = useOlderVersion((s) => s.description?.version);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<RowsPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => setOffset(0), [target, version]);
  useEffect(() => {
    if (!target) return;
    let live = true;
    setLoading(true);
    api.previewRows({ target, offset, limit: PAGE, version }).then(
      (p) => live && (setPage(p), setError(null), setLoading(false)),
      (e: Error) => live && (setError(e.message), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [target, offset, generation, version]);

  if (error)
    return (
      <EmptyState title="The rows could not be read" tone="error">
        {error}
      </EmptyState>
    );
  if (!page) return <div className="muted">Reading rows…</div>;
  const last = Math.max(0, Math.floor((page.total - 1) / PAGE) * PAGE);
  return (
    <div className="data-view">
      <div className="pager" data-testid="pager">
        <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(0)}>
          «
        </button>
        <button type="button" className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
          ‹ Prev
        </button>
        <span className="num">
          rows {page.total ? offset + 1 : 0}–{Math.min(offset + PAGE, page.total)} of {page.total.toLocaleString('en-US')}
        </span>
        <button type="button" className="small" disabled={offset >= last} onClick={() => setOffset(offset + PAGE)}>
          Next ›
        </button>
        <button type="button" className="small" disabled={offset >= last} onClick={() => setOffset(last)}>
          »
        </button>
        {loading && <span className="muted small">loading…</span>}
      </div>
      <RowsGrid columns={page.columns} rows={page.rows} offset={page.offset} testId="data-grid" />
    </div>
  );
}
