/** Whether a new index name may be sent: the core's own rule (IndexNameSchema), then this dataset's names. Pure. */
import { IndexNameSchema } from '@shared/contract/manage';

/** Why a new name can't be used, before asking the core; undefined when it may be sent. */
export function newNameProblem(current: string, value: string, taken: readonly string[]): string | undefined {
  const parsed = IndexNameSchema.safeParse(value);
  if (!parsed.success) return `Use ${parsed.error.issues[0]?.message ?? 'another name'}.`;
  if (value === current) return 'That is its name already.';
  if (taken.includes(value)) return `An index named ${value} exists already.`;
  return undefined;
}
