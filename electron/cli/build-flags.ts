/** Turning build flags into a BuildRequest; the meaning is checked by the core's validation. */
import type { BuildRequest } from '@shared/contract/build.js';
import { MAX_WORKERS } from '@core/validate.js';
import { UsageError } from './exit-codes.js';
import { parseKeyValues, targetFromFlags, type TargetFlags } from './target-options.js';
import { engineChoiceFromFlags, type RayFlags } from './ray-options.js';

export function parseWorkers(value: string): number | 'auto' {
  if (value.trim().toLowerCase() === 'auto') return 'auto';
  if (!/^\s*\d+\s*$/.test(value) || Number(value) < 1 || Number(value) > MAX_WORKERS) {
    throw new UsageError(`--workers must be 'auto' or a whole number from 1 to ${MAX_WORKERS}; got '${value}'.`);
  }
  return Number(value);
}

export function parseFragmentList(value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.every((p) => p === '')) {
    throw new UsageError(`--fragments is empty; give fragment ids like --fragments 0,3,7.`);
  }
  const bad = parts.filter((p) => !/^\d+$/.test(p));
  if (bad.length) throw new UsageError(`--fragments must be comma-separated whole numbers (e.g. 0,3,7); '${bad[0]}' is not one.`);
  return parts.map(Number);
}

/** `--param k=v`: true/false become booleans, numbers numbers, [..] JSON lists, anything else a string. */
export function parseIndexParams(pairs: string[] | undefined): Record<string, string | number | boolean | string[]> {
  const raw = parseKeyValues(pairs, '--param');
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === 'true' || v === 'false') out[k] = v === 'true';
    else if (/^-?\d+(\.\d+)?$/.test(v)) out[k] = Number(v);
    else if (v.startsWith('[')) {
      try {
        out[k] = JSON.parse(v);
      } catch {
        throw new UsageError(`--param ${k}=${v}: a list must be JSON, e.g. ${k}='["a","b"]'.`);
      }
    } else out[k] = v;
  }
  return out;
}

const BALANCE_BY = ['auto', 'rows', 'bytes'] as const;

export function parseBalanceBy(value: string): (typeof BALANCE_BY)[number] {
  const v = value.trim().toLowerCase();
  if (!(BALANCE_BY as readonly string[]).includes(v)) throw new UsageError(`--balance-by must be ${BALANCE_BY.join(', ')}; got '${value}'.`);
  return v as (typeof BALANCE_BY)[number];
}

export interface BuildFlags extends TargetFlags, RayFlags {
  column: string;
  type: string;
  workers: string;
  name?: string;
  replace: boolean;
  fragments?: string;
  workflow: string;
  mergeSegments?: boolean;
  param?: string[];
  retries: string;
  batchTimeout?: string;
  onlyUnindexed?: boolean;
  balanceBy: string;
}

export function requestFromFlags(o: BuildFlags): BuildRequest {
  const retries = Number(o.retries);
  if (!/^\d+$/.test(o.retries) || retries > 10) throw new UsageError(`--retries must be a whole number from 0 to 10; got '${o.retries}'.`);
  let batchTimeoutS: number | undefined;
  if (o.batchTimeout !== undefined) {
    batchTimeoutS = Number(o.batchTimeout);
    if (!(batchTimeoutS > 0)) throw new UsageError(`--batch-timeout must be a number of seconds above 0; got '${o.batchTimeout}'.`);
  }
  return {
    target: targetFromFlags(o),
    column: o.column,
    indexType: o.type,
    workers: parseWorkers(o.workers),
    name: o.name,
    replace: o.replace,
    fragmentIds: o.fragments !== undefined ? parseFragmentList(o.fragments) : undefined,
    workflow: o.workflow,
    mergeSegments: o.mergeSegments,
    indexParams: parseIndexParams(o.param),
    retries,
    batchTimeoutS,
    onlyUnindexed: o.onlyUnindexed ?? false,
    balanceBy: parseBalanceBy(o.balanceBy),
    engine: engineChoiceFromFlags(o),
  };
}
