/** `fn` over every item, `limit` at a time: a few calls or connections at once, as windows make them. */
export async function mapLimited<T, U>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<U>): Promise<U[]> {
  const out: U[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}
