/** Rows as a dense grid; nested values shown as compact JSON, the full value on hover. */
function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  // float32 columns arrive as 13.338899612426758; 7 significant digits is what they hold.
  if (typeof v === 'number' && !Number.isInteger(v)) return String(Number(v.toPrecision(7)));
  return String(v);
}

export function RowsGrid({ columns, rows, offset = 0, testId }: { columns: string[]; rows: Array<Record<string, unknown>>; offset?: number; testId?: string }) {
  return (
    // A tab stop of its own, so the rows can be scrolled (both ways) from the keyboard.
    <div className="rows-grid-wrap" tabIndex={0} role="region" aria-label="Rows">
      <table className="grid rows-grid" data-testid={testId}>
        <thead>
          <tr>
            <th className="r rownum">#</th>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={offset + i}>
              <td className="r rownum muted">{offset + i}</td>
              {columns.map((c) => {
                const text = cell(r[c]);
                const exact = typeof r[c] === 'number' ? String(r[c]) : text;
                return (
                  <td
                    key={c}
                    title={exact.length > 40 || exact !== text ? exact : undefined}
                    className={r[c] === null ? 'null' : typeof r[c] === 'number' ? 'r num' : ''}
                  >
                    {r[c] === null ? 'null' : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
