/** Characters AWS refuses in an execution name, besides whitespace and control characters. */
const FORBIDDEN = new Set('?*<>{}[]"#%\\^|~`$&,;:/');

/** The longest execution name AWS takes. */
export const MAX_EXECUTION_NAME_LENGTH = 80;

/**
 * Why AWS would refuse `name` as an execution name (StartExecution's `InvalidName`), or
 * undefined when it is fine. Empty is fine: a name is then generated. The rules: at most 80
 * characters; no whitespace; none of `? * < > { } [ ] " # % \ ^ | ~ \` $ & , ; : /`; no
 * control characters (U+0000–U+001F, U+007F–U+009F).
 */
export function executionNameProblem(name: string): string | undefined {
  const length = [...name].length;
  if (length > MAX_EXECUTION_NAME_LENGTH)
    return `At most ${MAX_EXECUTION_NAME_LENGTH} characters (this one has ${length}).`;
  for (const character of name) {
    const code = character.codePointAt(0) as number;
    if (/\s/u.test(character)) return 'No whitespace.';
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f))
      return `No control characters (U+${code.toString(16).toUpperCase().padStart(4, '0')}).`;
    if (FORBIDDEN.has(character)) return `The character ${character} is not allowed.`;
  }
  return undefined;
}
