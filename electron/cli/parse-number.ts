import { UsageError } from './exit-codes.js';

/** Parses a flag that must be a positive whole number, naming the flag and the bad value. */
export function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${flag} must be a whole number of at least 1; got '${value}'.`);
  }
  return n;
}
