/**
 * A bar per worker: rows, fragments, share, and the ideal line. Before a run it previews the
 * form's plan; during a run each bar fills with its batch's progress, coloured by state.
 */
import { Bar, BarChart, Cell, LabelList, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Plan } from '@shared/contract/build';
import type { BatchState } from '@shared/contract/build-state';
import { formatCount } from '@shared/format';
import { Count } from '../../components/num';
import { batchFraction } from '../progress/overall';

interface Row {
  name: string;
  rows: number;
  frags: number;
  share: number;
  done: number;
  rest: number;
  state: BatchState['state'] | 'planned';
}

const ROW_HEIGHT = 24;
const frags = (n: number) => `${n} frag${n === 1 ? '' : 's'}`;
const AXIS_HEIGHT = 22;
const LABEL_SPACE = 250;

export function BalanceChart({ plan, batches }: { plan: Plan; batches?: readonly BatchState[] }) {
  const data: Row[] = plan.workers.map((w, i) => {
    const b = batches?.[i];
    const f = b ? batchFraction(b) : 0;
    return {
      name: `w${w.worker}`, rows: w.rows, frags: w.fragmentIds.length, share: w.share,
      done: b ? w.rows * f : 0, rest: b ? w.rows * (1 - f) : w.rows, state: b ? b.state : 'planned',
    };
  });
  const height = data.length * ROW_HEIGHT + AXIS_HEIGHT + 8;
  const label = (r: Row) =>
    r.state === 'planned' || r.state === 'queued'
      ? `${formatCount(r.rows)} rows · ${frags(r.frags)} · ${r.share.toFixed(1)}%`
      : `${formatCount(r.rows)} rows · ${frags(r.frags)} · ${r.state}${r.state === 'running' ? ` ${Math.round((r.done / Math.max(r.rows, 1)) * 100)}%` : ''}`;
  const barLabel = (p: unknown, mine: (r: Row) => boolean) => {
    const { x = 0, y = 0, width: w = 0, height: h = 0, index = 0 } = p as { x?: number; y?: number; width?: number; height?: number; index?: number };
    const r = data[index];
    if (!r || !mine(r)) return null;
    return <text x={Number(x) + Number(w) + 8} y={Number(y) + Number(h) / 2 + 4} className="bar-label">{label(r)}</text>;
  };
  return (
    <div className="balance" data-testid="balance-chart" data-workers={plan.workers.length} data-mode={batches ? 'run' : 'preview'}>
      <div className="balance-scroll" style={{ maxHeight: 16 * ROW_HEIGHT + AXIS_HEIGHT + 8 }}>
        <ResponsiveContainer width="100%" height={height} minWidth={360}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: LABEL_SPACE, bottom: 4, left: 4 }} barSize={15}>
          <XAxis type="number" height={AXIS_HEIGHT} domain={[0, 'dataMax']} tickFormatter={(v: number) => formatCount(v)} tick={{ fontSize: 11 }} stroke="var(--muted)" />
          <YAxis type="category" dataKey="name" width={38} tick={{ fontSize: 11 }} stroke="var(--muted)" interval={0} />
          {/* The label goes on the last non-empty segment: recharts draws none on a zero-width bar. */}
          <Bar dataKey="done" stackId="w" isAnimationActive={false}>
            {data.map((r) => <Cell key={r.name} className={`bar state-${r.state}`} />)}
            <LabelList dataKey="name" position="right" content={(p) => barLabel(p, (r) => r.rest === 0)} />
          </Bar>
          <Bar dataKey="rest" stackId="w" isAnimationActive={false}>
            {data.map((r) => <Cell key={r.name} className={`bar rest state-${r.state}`} />)}
            <LabelList dataKey="name" position="right" content={(p) => barLabel(p, (r) => r.rest > 0)} />
          </Bar>
          <ReferenceLine x={plan.idealRows} className="ideal-line" strokeDasharray="4 3" label={{ value: 'ideal', position: 'top', className: 'ideal-label' }} />
        </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="balance-summary" data-testid="balance-summary">
        <Count value={plan.totalRows} unit="rows" /> rows on {plan.workers.length} worker{plan.workers.length === 1 ? '' : 's'} · ideal{' '}
        <Count value={plan.idealRows} unit="rows" /> per worker · makespan/ideal{' '}
        <span className="num" title={String(plan.makespanRatio)}>{plan.makespanRatio.toFixed(3)}</span>
        {plan.warnings.map((w) => <div key={w} className="warn small">{w}</div>)}
      </div>
    </div>
  );
}
