import { reportError, type ValidationContext } from './context.js';

/** Longest state name AWS accepts (ASL-FACTS §3). */
const MAX_STATE_NAME = 80;

/**
 * Characters a state name cannot hold: control characters (U+0000–001F, U+007F–009F),
 * U+FFFE/U+FFFF and lone surrogates. Spaces and punctuation are allowed in state names
 * (unlike state machine names): AWS's own console names states "Lambda Invoke".
 */
function hasForbiddenCharacter(name: string): boolean {
  for (const ch of name) {
    // Iterating by code point: a surrogate seen here is a lone one.
    const c = ch.codePointAt(0) ?? 0;
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) return true;
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** Checks one state name: not empty, at most 80 characters, no forbidden characters. */
export function checkStateName(ctx: ValidationContext, name: string, location: string): void {
  if (name.length === 0) {
    reportError(ctx, 'INVALID_STATE_NAME', 'A state name cannot be empty', location);
  } else if ([...name].length > MAX_STATE_NAME) {
    reportError(
      ctx,
      'INVALID_STATE_NAME',
      `State name '${name.slice(0, 20)}...' is ${[...name].length} characters long: a state name has at most ${MAX_STATE_NAME}`,
      location,
    );
  } else if (hasForbiddenCharacter(name)) {
    reportError(
      ctx,
      'INVALID_STATE_NAME',
      `State name ${JSON.stringify(name)} contains a control character or a non-character: remove it`,
      location,
    );
  }
}

/**
 * Records each state name across the whole machine (branches and item processors
 * included, where AWS also requires uniqueness) and reports a name seen before.
 */
export function checkDuplicateName(
  ctx: ValidationContext,
  seen: Set<string>,
  name: string,
  location: string,
): void {
  if (seen.has(name)) {
    reportError(ctx, 'DUPLICATE_STATE_NAME', `Duplicate State name: ${name}`, location);
  }
  seen.add(name);
}
