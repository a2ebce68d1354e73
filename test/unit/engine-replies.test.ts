import { describe, expect, it } from 'vitest';
import { DatasetDescriptionSchema } from '@shared/contract/dataset';
import { REPLIES, fitReply, mapReply } from '@engine/engine-replies';
import { descriptionFromWire } from '@engine/wire';
import { StudioError } from '@engine/engine-errors';

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return { kind: (err as StudioError).kind, message: (err as Error).message };
  }
  return undefined;
};

describe("the engine's replies, checked before use", () => {
  it('a reply that fits comes back as it was', () => {
    expect(fitReply('commit', REPLIES.commit, { version: 3, segment_uuids: ['a'] })).toEqual({ version: 3, segment_uuids: ['a'] });
  });

  it('a field of the wrong type is a protocol error naming the method and the field', () => {
    expect(refusal(() => fitReply('commit', REPLIES.commit, { version: '3', segment_uuids: [] }))).toEqual({
      kind: 'protocol',
      message: "The engine's reply to 'commit' doesn't fit: version: Invalid input: expected number, received string.",
    });
  });

  it('a missing nested field is named by its path', () => {
    const r = refusal(() => fitReply('find_orphans', REPLIES.find_orphans, { orphans: [{ uuid: 'u', bytes: 1 }], too_recent: [] }));
    expect(r?.kind).toBe('protocol');
    expect(r?.message).toMatch(/^The engine's reply to 'find_orphans' doesn't fit: orphans\.0\.age_s: /);
  });

  it("a mapped reply is checked against the contract's own schema, and one too broken to map is refused the same way", () => {
    const broken = refusal(() => mapReply('describe', DatasetDescriptionSchema, { uri: '/x' }, descriptionFromWire));
    expect(broken?.kind).toBe('protocol');
    expect(broken?.message).toMatch(/^The engine's reply to 'describe' doesn't fit: /);
    const wrong = refusal(() =>
      mapReply(
        'describe',
        DatasetDescriptionSchema,
        { uri: '/x', version: 'one', latest_version: 1, schema: [], fragments: [], indices: [] },
        descriptionFromWire,
      ),
    );
    expect(wrong?.message).toMatch(/^The engine's reply to 'describe' doesn't fit: version: /);
  });
});
