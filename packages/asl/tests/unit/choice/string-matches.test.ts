import { describe, expect, it } from 'vitest';
import { stringMatches } from '../../../src/choice/string-matches.js';

/** The matcher this one replaced: the pattern turned into a `^...$` regular expression. */
function regexReference(value: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    const literal = c === '\\' && i + 1 < pattern.length ? pattern.charAt(++i) : undefined;
    if (literal === undefined && c === '*') source += '.*';
    else source += (literal ?? c).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

describe('stringMatches', () => {
  it('keeps the escapes: \\* is a star, \\\\ a backslash, \\x is x, a trailing \\ is itself', () => {
    expect(stringMatches('a*b', 'a\\*b')).toBe(true);
    expect(stringMatches('axb', 'a\\*b')).toBe(false);
    expect(stringMatches('a\\b', 'a\\\\b')).toBe(true);
    expect(stringMatches('ab', 'a\\b')).toBe(true);
    expect(stringMatches('a\\', 'a\\')).toBe(true);
    expect(stringMatches('a*', 'a\\*')).toBe(true);
    expect(stringMatches('ab', 'a\\*')).toBe(false);
  });

  it('stars match any run, empty included, across lines', () => {
    expect(stringMatches('', '*')).toBe(true);
    expect(stringMatches('', '**')).toBe(true);
    expect(stringMatches('', 'a*')).toBe(false);
    expect(stringMatches('line1\nline2', 'line1*2')).toBe(true);
    expect(stringMatches('abcabd', '*ab*d')).toBe(true);
    expect(stringMatches('abcabe', '*ab*d')).toBe(false);
    expect(stringMatches('mississippi', 'm*iss*ppi')).toBe(true);
    expect(stringMatches('mississippi', 'm*iss*ipi')).toBe(false);
  });

  it('agrees with the regular expression it replaced on every short pattern and value', () => {
    const alphabet = ['a', 'b', '*', '\\'];
    const words = [''];
    for (let length = 1; length <= 4; length++) {
      for (const word of words.filter((w) => w.length === length - 1)) {
        for (const c of alphabet) words.push(word + c);
      }
    }
    for (const pattern of words) {
      for (const value of words) {
        expect(stringMatches(value, pattern), `${value} ~ ${pattern}`).toBe(
          regexReference(value, pattern),
        );
      }
    }
  });

  it('answers *a*a*a*a*a*b against 300+ characters (the old regex backtracked for minutes)', () => {
    expect(stringMatches('a'.repeat(400), '*a*a*a*a*a*b')).toBe(false);
    expect(stringMatches(`${'a'.repeat(400)}b`, '*a*a*a*a*a*b')).toBe(true);
    expect(stringMatches('a'.repeat(5000), `${'*a'.repeat(50)}*b`)).toBe(false);
  });
});
