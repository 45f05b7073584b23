import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prettyJson } from '../../../console/src/json-text.js';
import { reindentJson } from '../../../console/src/reindent-json.js';

describe("the console's JSON layout", () => {
  it('keeps numbers and strings as sent', () => {
    expect(prettyJson('{"id":12345678901234567890123, "big": 1e999,"s":"a\\"b,{"}')).toBe(
      '{\n  "id": 12345678901234567890123,\n  "big": 1e999,\n  "s": "a\\"b,{"\n}',
    );
  });

  it('lays out as JSON.stringify(value, null, 2) does (seeded property)', () => {
    const seed = Number(process.env.FUZZ_SEED ?? 20);
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const compact = JSON.stringify(value);
        expect(reindentJson(compact)).toBe(JSON.stringify(value, null, 2));
        // Whitespace the client put in changes nothing.
        expect(reindentJson(JSON.stringify(value, null, 3))).toBe(JSON.stringify(value, null, 2));
      }),
      { seed, numRuns: 300 },
    );
  });

  it('shows text that is not JSON as it is', () => {
    expect(prettyJson('{"a":')).toBe('{"a":');
  });

  it('lays out any depth without recursion', () => {
    const deep = `${'['.repeat(2000)}${']'.repeat(2000)}`;
    expect(reindentJson(deep).split('\n')).toHaveLength(2000 * 2 - 1);
  });
});
