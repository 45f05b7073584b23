/**
 * AWS's rule for names (API reference, `name` of StartExecution and CreateStateMachine):
 * 1 to 80 characters counted as code points, none of white space, brackets, wildcards, the
 * special characters, control characters U+0000–001F, U+007F–009F, U+FFFE–FFFF, surrogates or
 * U+10FFFF.
 */
import { describe, expect, it } from 'vitest';
import { SfnApiError } from '../../src/http/api-error.js';
import {
  checkResourceName,
  hasValidNameCharacters,
  nameLength,
} from '../../src/http/resource-name.js';

const errorOf = (name: string): string | undefined => {
  try {
    checkResourceName(name);
    return undefined;
  } catch (error) {
    return (error as SfnApiError).type;
  }
};

describe('AWS names', () => {
  it('accepts 1 and 80 characters, refuses 0 and 81 (ValidationException)', () => {
    expect(errorOf('a')).toBeUndefined();
    expect(errorOf('a'.repeat(80))).toBeUndefined();
    expect(errorOf('')).toBe('ValidationException');
    expect(errorOf('a'.repeat(81))).toBe('ValidationException');
  });

  it('counts an astral character as one (80 emoji pass, 81 do not)', () => {
    expect(nameLength('😀')).toBe(1);
    expect(errorOf('😀'.repeat(80))).toBeUndefined();
    expect(errorOf('😀'.repeat(81))).toBe('ValidationException');
    expect(errorOf(`${'a'.repeat(79)}😀`)).toBeUndefined();
  });

  it.each([
    ['white space', [' ', '\t', '\n', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u3000']],
    ['brackets', ['<', '>', '{', '}', '[', ']']],
    ['wildcards', ['?', '*']],
    ['special characters', ['"', '#', '%', '\\', '^', '|', '~', '`', '$', '&', ',', ';', ':', '/']],
    ['control characters', ['\u0000', '\u001f', '\u007f', '\u0085', '\u009f', '\ufffe', '\uffff']],
    ['lone surrogates', ['\ud800', '\udfff', '\ud83d']],
    ['U+10FFFF', ['\u{10ffff}']],
  ])('refuses %s (InvalidName)', (_, characters) => {
    for (const character of characters) {
      expect(hasValidNameCharacters(`a${character}b`), JSON.stringify(character)).toBe(false);
      expect(errorOf(`a${character}b`), JSON.stringify(character)).toBe('InvalidName');
    }
  });

  it('accepts the characters next to the excluded ranges, and other scripts', () => {
    for (const name of [
      'a-b_c.d',
      '\u0020'.trim() || 'x',
      '\u00a1',
      '\u00e9t\u00e9',
      '名前',
      '😀',
      '\u{10fffd}',
      '\ufffd',
      "+=@!()'",
    ]) {
      expect(hasValidNameCharacters(name), JSON.stringify(name)).toBe(true);
    }
  });

  it('does not repeat a lone surrogate in its message (it would not survive UTF-8)', () => {
    try {
      checkResourceName('x\ud800');
    } catch (error) {
      expect(error).toBeInstanceOf(SfnApiError);
      expect((error as Error).message).toBe("Invalid Name: 'x\ufffd'");
    }
  });
});
