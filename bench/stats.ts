/** Median and spread of a contender's runs: the median resists one disturbed run, the spread shows it. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: number[]): Summary | undefined {
  if (values.length === 0) return undefined;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  const median = v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
  return { median, min: v[0]!, max: v[v.length - 1]!, n: v.length };
}

export function medianOf(values: Array<number | undefined>): number | undefined {
  return summarize(values.filter((x): x is number => x !== undefined))?.median;
}
