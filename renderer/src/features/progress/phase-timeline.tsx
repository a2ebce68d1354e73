/**
 * validate → plan → (train, for vector indices) → build → commit → verify, each with its state and time; the build's one
 * progress number (the same the top bar shows; it never goes back); the time left; Cancel.
 */
import { PHASES } from '@shared/contract/build';
import type { BuildState } from '@shared/contract/build-state';
import { formatDuration } from '@shared/format';
import { Duration } from '../../components/num';
import { ProgressBar } from '../../components/progress-bar';
import { CancelControl } from './cancel-control';
import { buildTimeLeftMs } from './overall';
import { useNow } from './use-now';
import './progress.css';

const MARK = { pending: '○', running: '●', done: '✓', failed: '✕' } as const;

export function PhaseTimeline({ state, wallT0 }: { state: BuildState; wallT0: number }) {
  const running = state.status === 'running';
  const now = useNow(running, 1000);
  const left = running && state.phases.build === 'running' ? buildTimeLeftMs(state, now - wallT0) : null;
  return (
    <div className="run-strip" data-testid="phase-timeline" data-status={state.status}>
      <ol className="phases">
        {/* A phase that doesn't apply (train, for a scalar index) is not shown at all. */}
        {PHASES.filter((p) => state.phases[p] !== 'skipped').map((p) => {
          const st = (state.phases[p] ?? 'pending') as keyof typeof MARK;
          return (
            <li key={p} className={`phase phase-${st}`} data-phase={p} data-state={st}>
              <span className="phase-mark" aria-hidden>
                {MARK[st]}
              </span>
              <span className="phase-name">{p}</span>
              {state.phaseMs[p] !== undefined ? (
                <span className="phase-time">
                  <Duration ms={state.phaseMs[p]} />
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div className="overall">
        <ProgressBar
          fraction={state.progress}
          tone={state.status === 'succeeded' ? 'done' : state.status === 'failed' ? 'failed' : state.status === 'cancelled' ? 'cancelled' : 'running'}
          label="build progress"
        />
        <span className="num overall-pct" data-testid="build-progress">
          {Math.round(state.progress * 100)}%
        </span>
        {left !== null && (
          <span className="muted small time-left" data-testid="time-left">
            about {formatDuration(left)} left to build
          </span>
        )}
      </div>
      <CancelControl state={state} wallT0={wallT0} />
    </div>
  );
}
