import { SfnApiError, validationError } from './api-error.js';

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
function isExcluded(character: string): boolean {
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
  for (const character of name) if (isExcluded(character)) return false;
  return true;
}

/**
 * Checks the `name` member of a request as AWS does: 1 to {@link MAX_NAME_LENGTH} code points
 * (`ValidationException`), then none of the excluded characters (`InvalidName`). A name with
 * a lone surrogate is refused, so no name is stored other than as it was sent.
 */
export function checkResourceName(name: string, member = 'name'): void {
  const length = nameLength(name);
  if (length < 1 || length > MAX_NAME_LENGTH) {
    throw validationError(
      member,
      `Member must have length ${length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_NAME_LENGTH}`}`,
      name,
    );
  }
  if (!hasValidNameCharacters(name)) {
    throw new SfnApiError('InvalidName', `Invalid Name: '${name.toWellFormed()}'`);
  }
}
