/**
 * The facts the Python engine rests on too, read from the engine's facts.json (said once, for
 * both sides; it ships with the engine, also to Ray).
 */
import facts from '../engine/python/lance_engine/facts.json';

export const MAX_FRAGMENT_ID: number = facts.max_fragment_id;
/** Lance's own name for each index type, as describe reports an existing index. */
export const LANCE_TYPE_NAMES: Readonly<Record<string, string>> = facts.lance_type_name;
/** Types whose segment folder name the caller may choose: a known name lets a stopped batch's
 *  leftovers be removed exactly. */
export const CALLER_CHOSEN_UUID_TYPES: ReadonlySet<string> = new Set(facts.caller_chosen_uuid_types);
/** The error kinds the engine reports (the TypeScript enum is checked against it by a test). */
export const ENGINE_ERROR_KINDS: readonly string[] = facts.error_kinds;

const markers = facts.index_plan_markers;

/** Whether a query plan reads an index: a full-text match not done flat, or a scalar index step. */
export function planUsesIndex(plan: string, fullText: boolean): boolean {
  if (fullText) return plan.includes(markers.full_text) && !plan.includes(markers.full_text_without_index);
  return markers.scalar.some((m) => plan.includes(m));
}

/** Whether a nearest-neighbour query's plan searches an ANN index (not a flat KNN over all rows). */
export function planUsesVectorIndex(plan: string): boolean {
  return markers.vector.some((m) => plan.includes(m));
}
