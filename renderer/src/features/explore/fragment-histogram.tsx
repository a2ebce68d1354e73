/** How fragment sizes spread: a small histogram of rows per fragment (uneven sizes are why balancing matters). */
import { useId, useMemo, useState } from 'react';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis } from 'recharts';
import type { FragmentInfo } from '@shared/contract/dataset';
import { formatCount } from '@shared/format';
import './explore.css';

const BINS = 30;

export type HistogramScale = 'linear' | 'log';

/**
 * Fragments per size bin. On a log scale the bins widen geometrically (edges evenly spaced in
 * log(rows + 1)), so a dataset of many small fragments and a few huge ones shows both ends
 * instead of one tall bar at the left.
 */
export function sizeHistogram(frags: readonly FragmentInfo[], bins = BINS, scale: HistogramScale = 'linear') {
  const sizes = frags.map((f) => f.rows).filter((r): r is number => r !== null);
  if (sizes.length === 0) return [];
  const to = scale === 'log' ? (v: number) => Math.log1p(v) : (v: number) => v;
  const from = scale === 'log' ? (v: number) => Math.expm1(v) : (v: number) => v;
  let min = Infinity;
  let max = -Infinity;
  for (const s of sizes) {
    if (s < min) min = s;
    if (s > max) max = s;
  }
  const [lo, hi] = [to(min), to(max)];
  const n = max === min ? 1 : bins;
  const width = (hi - lo) / n || 1;
  const counts = new Array<number>(n).fill(0);
  for (const s of sizes) counts[Math.min(n - 1, Math.floor((to(s) - lo) / width))]!++;
  return counts.map((count, i) => ({ from: Math.round(from(lo + i * width)), to: Math.round(from(lo + (i + 1) * width)), count }));
}

/** The chart's accessible name: what a glance at it tells. */
function histogramInWords(data: ReturnType<typeof sizeHistogram>): string {
  const n = data.reduce((sum, b) => sum + b.count, 0);
  return `Rows per fragment: ${n.toLocaleString('en-US')} fragments, from ${formatCount(data[0]!.from)} to ${formatCount(data[data.length - 1]!.to)} rows`;
}

export function FragmentHistogram({ fragments }: { fragments: readonly FragmentInfo[] }) {
  const [scale, setScale] = useState<HistogramScale>('linear');
  const data = useMemo(() => sizeHistogram(fragments, BINS, scale), [fragments, scale]);
  const checkId = useId();
  if (data.length === 0) return null;
  return (
    <>
      <div className="histogram-head">
        <label className="check-field" htmlFor={checkId}>
          <input
            id={checkId}
            type="checkbox"
            data-testid="histogram-log"
            checked={scale === 'log'}
            onChange={(e) => setScale(e.target.checked ? 'log' : 'linear')}
          />
          log scale (for skewed sizes)
        </label>
      </div>
      <div
        className="histogram"
        data-testid="fragment-histogram"
        data-scale={scale}
        role="img"
        aria-label={`${histogramInWords(data)}${scale === 'log' ? ' (bins on a log scale)' : ''}`}
      >
        <ResponsiveContainer width="100%" height={70}>
          {/* Named as a picture by its wrapper; recharts' own keyboard layer would add an unnamed tab stop. */}
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 4 }} barCategoryGap={1} accessibilityLayer={false}>
            <XAxis
              dataKey="from"
              tickFormatter={(v: number) => formatCount(v)}
              tick={{ fontSize: 10 }}
              stroke="var(--muted)"
              interval="preserveStartEnd"
              minTickGap={40}
            />
            <Tooltip
              cursor={{ fill: 'var(--hover)' }}
              formatter={(v) => [`${Number(v).toLocaleString('en-US')} fragments`, '']}
              labelFormatter={(_l, p) => {
                const row = p?.[0]?.payload as { from: number; to: number } | undefined;
                return row ? `${row.from.toLocaleString('en-US')}–${row.to.toLocaleString('en-US')} rows` : '';
              }}
            />
            <Bar dataKey="count" className="hist-bar" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
