/** Where a build's time went, one stacked bar (recharts), phases in order. */
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PHASES } from '@shared/contract/build';
import { formatDuration } from '@shared/format';

export function TimingsBar({ timings }: { timings: Record<string, number> }) {
  const phases = PHASES.filter((p) => (timings[p] ?? 0) > 0);
  if (phases.length === 0) return null;
  const row = Object.fromEntries([['name', 'time'], ...phases.map((p) => [p, timings[p]!])]);
  return (
    <div className="timings-bar">
      {/* A picture named by what it shows (the legend under it says the same in text); recharts'
          own keyboard layer would add an unnamed tab stop. */}
      <div role="img" aria-label={`Time per phase: ${phases.map((p) => `${p} ${formatDuration(timings[p])}`).join(', ')}`}>
        <ResponsiveContainer width="100%" height={34}>
          <BarChart data={[row]} layout="vertical" margin={{ top: 2, right: 4, bottom: 2, left: 4 }} accessibilityLayer={false}>
            <XAxis type="number" hide domain={[0, 'dataMax']} />
            <YAxis type="category" dataKey="name" hide />
            <Tooltip formatter={(v) => formatDuration(Number(v))} cursor={false} />
            {phases.map((p) => (
              <Bar key={p} dataKey={p} stackId="t" className={`timing-${p}`} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="timings-legend">
        {phases.map((p) => (
          <span key={p} className={`legend legend-${p}`}>
            {p} {formatDuration(timings[p])}
          </span>
        ))}
      </div>
    </div>
  );
}
