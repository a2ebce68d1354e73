/** The current time, re-rendering every `ms` while `active` (live elapsed times), idle otherwise. */
import { useEffect, useState } from 'react';

export function useNow(active: boolean, ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [active, ms]);
  return active ? now : Date.now();
}
