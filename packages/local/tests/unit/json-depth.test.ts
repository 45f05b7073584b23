import { describe, expect, it } from 'vitest';
import { isTooDeep, jsonDepth, MAX_JSON_DEPTH } from '../../src/http/json-depth.js';

describe('jsonDepth', () => {
  it('counts nesting of objects and arrays, not brackets in strings', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('["[[[[", "\\"[[[", {}]')).toBe(2);
    expect(jsonDepth('"\\\\"')).toBe(0);
  });

  it('reads a million levels without recursion, and stops at the limit', () => {
    const deep = '['.repeat(1_000_000);
    expect(jsonDepth(deep, 10)).toBe(11);
    expect(jsonDepth(deep)).toBe(1_000_000);
  });

  it(`allows ${MAX_JSON_DEPTH} levels, refuses one more`, () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(isTooDeep(nest(MAX_JSON_DEPTH))).toBe(false);
    expect(isTooDeep(nest(MAX_JSON_DEPTH + 1))).toBe(true);
  });
});
