/** Rows as a dense grid; nested values shown as compact JSON, the full value on hover. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function RowsGrid({ columns, rows, offset = 0, testId }: { columns: string[]; rows: Array<Record<string, unknown>>; offset?: number; testId?: string }) {
  return (
    <div className="rows-grid-wrap">
      <table className="grid rows-grid" data-testid={testId}>
        <thead>
          <tr><th className="r rownum">#</th>{columns.map((c) => <th key={c}>{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={offset + i}>
              <td className="r rownum muted">{offset + i}</td>
              {columns.map((c) => {
                const text = cell(r[c]);
                return <td key={c} title={text.length > 40 ? text : undefined} className={r[c] === null ? 'null' : typeof r[c] === 'number' ? 'r num' : ''}>{r[c] === null ? 'null' : text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
