/** Numbers for people: 1.55M rows, 12.4 s, 212 MiB. Used by the CLI and the window alike. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '?';
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  if (abs < 1e6) return `${trim(n / 1e3)}K`;
  if (abs < 1e9) return `${trim(n / 1e6)}M`;
  return `${trim(n / 1e9)}B`;
}

export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '?';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${trim(v)} ${units[u]}`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatPercent(p: number): string {
  return `${p.toFixed(1)}%`;
}

function trim(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/**
 * "an Inverted", "a BTree", "an FTS", "an NGRAM": the article by sound. Initialisms read letter by
 * letter take "an" when their first letter's name starts with a vowel sound (F, N, ...).
 */
export function withArticle(word: string): string {
  const vowelSound = /^[aeiou]/i.test(word) || /^(fts|ngram)/i.test(word);
  return `${vowelSound ? 'an' : 'a'} ${word}`;
}

/** "0, 1, 2" or, past a dozen, the first ten and how many in all (error messages stay one line). */
export function summarizeIds(ids: readonly number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  if (sorted.length <= 12) return sorted.join(', ') || 'none';
  return `${sorted.slice(0, 10).join(', ')}, ... (${sorted.length} in all, up to ${sorted[sorted.length - 1]})`;
}
