/*
 * AWS's rule for the names of executions, state machines, activities and aliases, shared by
 * the endpoint (which refuses a bad name) and the console (which refuses it as you type).
 */

/** The longest name AWS accepts for an execution, state machine, activity or alias. */
export const MAX_NAME_LENGTH = 80;

/** Brackets, wildcards and special characters, as the API reference lists them. */
const EXCLUDED_PUNCTUATION = new Set('<>{}[]?*"#%\\^|~`$&,;:/');

/**
 * True when the code point is one AWS's names may not hold (the API reference, for
 * `name` of StartExecution, CreateStateMachine, CreateActivity, …): white space (Unicode's
 * `White_Space`, so U+0085, U+00A0, U+2028 and U+2029 too), brackets `< > { } [ ]`, wildcards
 * `? *`, special characters `" # % \ ^ | ~ ` $ & , ; : /`, control characters U+0000–001F,
 * U+007F–009F and U+FFFE–FFFF, surrogates U+D800–DFFF (in a JavaScript string only a lone
 * one: a pair is the astral character it encodes) and U+10FFFF.
 */
export function isExcludedNameCharacter(character: string): boolean {
  const code = character.codePointAt(0) as number;
  return (
    EXCLUDED_PUNCTUATION.has(character) ||
    /^\p{White_Space}$/u.test(character) ||
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0xd800 && code <= 0xdfff) ||
    code === 0xfffe ||
    code === 0xffff ||
    code === 0x10ffff
  );
}

/** A name's length as AWS counts it: in Unicode code points (an astral character is one). */
export function nameLength(name: string): number {
  let length = 0;
  for (const _ of name) length += 1;
  return length;
}

/** True when `name` holds none of the characters AWS excludes from names. */
export function hasValidNameCharacters(name: string): boolean {
  for (const character of name) if (isExcludedNameCharacter(character)) return false;
  return true;
}

/**
 * Why AWS would refuse `name` (empty, too long, or a character it excludes), in words for a
 * person, or undefined when AWS takes it.
 */
export function nameProblem(name: string): string | undefined {
  const length = nameLength(name);
  if (length < 1) return 'A name is needed.';
  if (length > MAX_NAME_LENGTH)
    return `At most ${MAX_NAME_LENGTH} characters (this one has ${length}).`;
  for (const character of name) {
    if (!isExcludedNameCharacter(character)) continue;
    const code = character.codePointAt(0) as number;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    if (/^\p{White_Space}$/u.test(character)) return 'No whitespace.';
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return `No control characters (${hex}).`;
    if (code < 0x7f) return `The character ${character} is not allowed.`;
    return `The character ${hex} is not allowed.`;
  }
  return undefined;
}
