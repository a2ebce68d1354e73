/** The engine a build asked for: this machine's pool, or a Ray cluster that uses it for commit/verify where it can. */
import { EngineChoiceSchema, type EngineChoice } from '@shared/contract/build.js';
import type { IndexEngine } from './engine.js';
import { RayEngine } from './ray/ray-engine.js';

export function engineFor(choice: EngineChoice | undefined, local: IndexEngine): IndexEngine {
  const c = EngineChoiceSchema.parse(choice ?? { kind: 'local' });
  if (c.kind === 'local') return local;
  return new RayEngine({ connection: { address: c.address, token: c.token }, pip: c.pip, local });
}
