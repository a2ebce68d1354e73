/** Numbers for people (1.55M, 12.4 s, 212 MiB), the exact value on hover. */
import { formatBytes, formatCount, formatDuration } from '@shared/format';

const exact = (n: number | null | undefined, unit: string) =>
  n === null || n === undefined || !Number.isFinite(n) ? 'unknown' : `${n.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${unit}`;

export function Count({ value, unit = '' }: { value: number | null | undefined; unit?: string }) {
  return (
    <span className="num" title={exact(value, unit).trim()}>
      {formatCount(value)}
    </span>
  );
}

export function Bytes({ value }: { value: number | null | undefined }) {
  return (
    <span className="num" title={exact(value, 'bytes')}>
      {formatBytes(value)}
    </span>
  );
}

export function Duration({ ms }: { ms: number | null | undefined }) {
  return (
    <span className="num" title={exact(ms === null || ms === undefined ? ms : Math.round(ms), 'ms')}>
      {formatDuration(ms)}
    </span>
  );
}

export function Percent({ value }: { value: number }) {
  return (
    <span className="num" title={`${value.toFixed(4)}%`}>
      {value.toFixed(1)}%
    </span>
  );
}
