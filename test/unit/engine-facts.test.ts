import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ErrorKindSchema } from '@shared/contract/build';
import { ENGINE_ERROR_KINDS, LANCE_TYPE_NAMES, planUsesIndex } from '@shared/engine-facts';
import { INDEX_TYPES } from '@shared/index-types';
import { PYTHON, REPO } from '../helpers/paths';

describe('the facts both sides rest on', () => {
  it('the error kinds the engine reports are the ones the contract accepts', () => {
    expect([...ErrorKindSchema.options].sort()).toEqual([...ENGINE_ERROR_KINDS].sort());
  });

  it("every index type the app offers has Lance's own name", () => {
    for (const t of INDEX_TYPES) expect(LANCE_TYPE_NAMES[t], t).toMatch(/^[A-Z][A-Za-z_]+$/);
  });

  it('a plan uses an index: a scalar index step, or a full-text match not done flat', () => {
    expect(planUsesIndex('LanceRead ...\n  ScalarIndexQuery: query=[v = 1]@v_idx(BTree)', false)).toBe(true);
    expect(planUsesIndex('LanceRead: full_filter=v = 1', false)).toBe(false);
    expect(planUsesIndex('MatchQuery: query=comfortable', true)).toBe(true);
    expect(planUsesIndex('FlatMatchQuery: query=comfortable', true)).toBe(false);
  });

  it('the engine reads the same file and gives the same answers', () => {
    const code = [
      'import json, sys',
      "sys.path.insert(0, 'engine/python')",
      'from lance_engine import facts',
      "print(json.dumps({'kinds': sorted(facts.ERROR_KINDS), 'names': facts.LANCE_TYPE_NAME,",
      "  'scalar': facts.plan_uses_index('ScalarIndexQuery: x', False), 'flat': facts.plan_uses_index('FlatMatchQuery: x', True)}))",
    ].join('\n');
    const r = spawnSync(PYTHON, ['-c', code], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const py = JSON.parse(r.stdout);
    expect(py.kinds).toEqual([...ENGINE_ERROR_KINDS].sort());
    expect(py.names).toEqual(LANCE_TYPE_NAMES);
    expect([py.scalar, py.flat]).toEqual([true, false]);
  });
});
