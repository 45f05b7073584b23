import { RE2JS } from 're2js';

/**
 * The regular-expression engine JSONata runs on (its `RegexEngine` option): RE2's, through
 * re2js, which matches in time linear in the input, so that `$match`, `$replace`, `$split`,
 * `$contains` and regex literals cannot backtrack catastrophically (`/(a+)+$/` against 40
 * characters takes minutes on a backtracking engine). jsonata's step hooks, which bound
 * every other runaway, do not run inside one match, and a worker that could be terminated
 * would make every evaluation cross threads.
 *
 * AWS runs jsonata-js on JavaScript's engine: what RE2 lacks — lookaround (`(?=`, `(?!`,
 * `(?<=`, `(?<!`) and backreferences (`\1`, `\k<name>`) — fails the expression with a
 * message that says so, where AWS would evaluate it. Character classes follow RE2 (`\s`
 * and `\b` are ASCII; `.` excludes only `\n`).
 */
export class LinearRegExp {
  /** Where the next `exec` starts, as JavaScript's `RegExp` with the `g` flag. */
  lastIndex = 0;
  readonly source: string;
  readonly flags: string;
  readonly #pattern: RE2JS;

  /** @param regex the `RegExp` jsonata parsed from a regex literal (`/…/flags`) */
  constructor(regex: RegExp | string) {
    this.source = typeof regex === 'string' ? regex : regex.source;
    this.flags = typeof regex === 'string' ? '' : regex.flags;
    let flags = 0;
    if (this.flags.includes('i')) flags |= RE2JS.CASE_INSENSITIVE;
    if (this.flags.includes('m')) flags |= RE2JS.MULTILINE;
    try {
      this.#pattern = RE2JS.compile(RE2JS.translateRegExp(this.source), flags);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UnsupportedRegexError(
        `The regular expression /${this.source}/ cannot be used here (${reason}). Expressions run on a linear-time engine (RE2 syntax), which has no lookaround and no backreferences: rewrite the pattern without them.`,
      );
    }
  }

  /** The next match from `lastIndex` in JavaScript's `exec` shape, or null (resets `lastIndex`). */
  exec(input: string): RegExpExecArray | null {
    const matcher = this.#pattern.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    const result = Object.assign(groups, { index: matcher.start(), input }) as RegExpExecArray;
    // As JavaScript's `exec` with `g` (jsonata refuses a zero-length match, D1004).
    this.lastIndex = matcher.end();
    return result;
  }

  test(input: string): boolean {
    return this.exec(input) !== null;
  }
}

/** A pattern the linear engine cannot compile; reported as an uncoded evaluation error. */
export class UnsupportedRegexError extends Error {}
