/** How fragment sizes spread: a small histogram of rows per fragment (uneven sizes are why balancing matters). */
import { useMemo } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import type { FragmentInfo } from '@shared/contract/dataset';
import { formatCount } from '@shared/format';

const BINS = 30;

export function sizeHistogram(frags: readonly FragmentInfo[], bins = BINS) {
  const sizes = frags.map((f) => f.rows).filter((r): r is number => r !== null);
  if (sizes.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const s of sizes) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const n = max === min ? 1 : bins;
  const width = (max - min) / n || 1;
  const counts = new Array<number>(n).fill(0);
  for (const s of sizes) counts[Math.min(n - 1, Math.floor((s - min) / width))]!++;
  return counts.map((count, i) => ({ from: Math.round(min + i * width), to: Math.round(min + (i + 1) * width), count }));
}

export function FragmentHistogram({ fragments }: { fragments: readonly FragmentInfo[] }) {
  const data = useMemo(() => sizeHistogram(fragments), [fragments]);
  if (data.length === 0) return null;
  return (
    <div className="histogram" data-testid="fragment-histogram">
      <ResponsiveContainer width="100%" height={70}>
        <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 4 }} barCategoryGap={1}>
          <XAxis dataKey="from" tickFormatter={(v: number) => formatCount(v)} tick={{ fontSize: 10 }} stroke="var(--muted)" interval="preserveStartEnd" minTickGap={40} />
          <Tooltip
            cursor={{ fill: 'var(--hover)' }}
            formatter={(v) => [`${v} fragments`, '']}
            labelFormatter={(_l, p) => {
              const row = p?.[0]?.payload as { from: number; to: number } | undefined;
              return row ? `${row.from.toLocaleString('en-US')}–${row.to.toLocaleString('en-US')} rows` : '';
            }}
          />
          <Bar dataKey="count" className="hist-bar" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
