/**
 * Asking to cancel a build. Only the build's own controls ask (its Cancel button, Esc on the
 * Build screen, the native menu's Cancel build): Esc elsewhere, e.g. typing a query, must never
 * throw work away. A build past a few seconds asks for a confirmation first.
 */
import { cancelActiveBuild, useProgress } from './progress-store';
import { cancellable, needsConfirmation } from './overall';

/** Cancel at once if the build just started; otherwise ask (a second request while asking confirms). */
export function requestCancel(now = Date.now()): void {
  const { activeJobId, meta, jobs, confirmingCancel } = useProgress.getState();
  const job = activeJobId ? jobs[activeJobId] : undefined;
  if (!activeJobId || !job || !cancellable(job)) return;
  const startedAt = meta[activeJobId]?.wallT0 ?? now;
  if (confirmingCancel === activeJobId || !needsConfirmation(now - startedAt)) void cancelActiveBuild();
  else useProgress.setState({ confirmingCancel: activeJobId });
}

export function keepBuilding(): void {
  useProgress.setState({ confirmingCancel: null });
}

/** Esc while the question shows: the answer is "keep building", never a lost build. */
export function dismissCancelQuestion(): boolean {
  if (!useProgress.getState().confirmingCancel) return false;
  keepBuilding();
  return true;
}
