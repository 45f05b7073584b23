import { describe, expect, it } from 'vitest';
import { executionNameProblem } from '../../../console/src/execution-name.js';

describe("the Start execution dialog's name rules (AWS's)", () => {
  it('takes an empty name (one is generated) and ordinary names up to 80 characters', () => {
    expect(executionNameProblem('')).toBeUndefined();
    expect(executionNameProblem('my-first-run_2026.12.01')).toBeUndefined();
    expect(executionNameProblem('a'.repeat(80))).toBeUndefined();
    expect(executionNameProblem('été-日本')).toBeUndefined();
  });

  it('refuses more than 80 characters', () => {
    expect(executionNameProblem('a'.repeat(81))).toMatch(
      /At most 80 characters \(this one has 81\)/,
    );
  });

  it('refuses whitespace', () => {
    for (const name of ['a b', 'a\tb', 'a\u00a0b', 'a\u2003b'])
      expect(executionNameProblem(name)).toBe('No whitespace.');
  });

  it('refuses each forbidden character', () => {
    for (const character of '?*<>{}[]"#%\\^|~`$&,;:/')
      expect(executionNameProblem(`a${character}b`)).toBe(
        `The character ${character} is not allowed.`,
      );
  });

  it('refuses control characters (C0, DEL and C1)', () => {
    expect(executionNameProblem('a\u0001b')).toMatch(/No control characters \(U\+0001\)/);
    expect(executionNameProblem('a\u007fb')).toMatch(/U\+007F/);
    expect(executionNameProblem('a\u0085b')).toBeDefined();
    expect(executionNameProblem('a\u009fb')).toMatch(/U\+009F/);
  });
});
