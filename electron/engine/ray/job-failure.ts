/**
 * Why a lance-index job failed when its driver couldn't say so itself (it never started, or died
 * importing), in words that say what to do on the cluster.
 */
import type { JobInfo } from './ray-client.js';
import { ENGINE_DIR } from '../python-env.js';
import { pinnedPylance } from '../pins.js';

export function explainJobFailure(info: JobInfo, logLines: string[], engineDir: string = ENGINE_DIR): { kind: string; message: string } {
  const log = logLines.join('\n');
  const text = `${log}\n${info.message ?? ''}`;
  const pin = safePin(engineDir);
  const job = `Ray job ${info.submission_id}`;
  if (/No module named '?lance'?\b/.test(text)) {
    return {
      kind: 'engine',
      message: `${job}: the cluster's \`python\` has no pylance. Install it on every node (pip install 'pylance==${pin}'), or pass --ray-pip to add it to the job's runtime_env (the cluster must reach a package index).`,
    };
  }
  if (/No module named '?ray'?\b/.test(text)) {
    return {
      kind: 'engine',
      message: `${job}: the \`python\` that runs the job's entrypoint on the head node has no Ray. Put the Python that Ray runs under first on the head node's PATH (e.g. start Ray from its activated venv).`,
    };
  }
  if (/python: (command )?not found/.test(text)) {
    return { kind: 'engine', message: `${job}: there is no \`python\` on the head node's PATH; the job's entrypoint is \`python -m lance_engine.ray_job\`.` };
  }
  if (info.error_type === 'RUNTIME_ENV_SETUP_FAILED') {
    return { kind: 'engine', message: `${job}: Ray could not set up the job's environment: ${lastLines(info.message ?? log, 6)}` };
  }
  return { kind: 'engine', message: `${job} failed (${info.error_type ?? 'no reason given'}): ${lastLines(log || (info.message ?? ''), 8)}` };
}

function lastLines(text: string, n: number): string {
  return text.trim().split('\n').slice(-n).join('\n');
}

function safePin(engineDir: string): string {
  try {
    return pinnedPylance(engineDir);
  } catch {
    return '<the pinned version>';
  }
}
