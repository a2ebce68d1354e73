/** Sorting the fragments table: an index permutation, so 100,000 rows sort in a few ms. */
import type { FragmentInfo } from '@shared/contract/dataset';

export type FragmentSortKey = 'id' | 'rows' | 'deletedRows' | 'bytes';
export interface FragmentSort {
  key: FragmentSortKey;
  desc: boolean;
}

export function sortFragments(frags: readonly FragmentInfo[], sort: FragmentSort): Uint32Array {
  const order = new Uint32Array(frags.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const val = (f: FragmentInfo): number => {
    const v = f[sort.key];
    return v === null ? -1 : v; // unknown sizes sort below every known one
  };
  const dir = sort.desc ? -1 : 1;
  order.sort((a, b) => dir * (val(frags[a]!) - val(frags[b]!)) || frags[a]!.id - frags[b]!.id);
  return order;
}
