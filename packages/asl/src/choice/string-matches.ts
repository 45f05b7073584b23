/** A pattern as a list of literal UTF-16 code units and stars (`STAR`). */
type WildcardPattern = readonly (string | typeof STAR)[];

const STAR = Symbol('star');

// StringMatches patterns come from definitions: parse each once.
const cache = new Map<string, WildcardPattern>();
/** A safety valve against unbounded growth when callers test generated patterns. */
const MAX_CACHED = 10_000;

/**
 * The `StringMatches` test: `*` matches any run of characters (empty included), `\*`
 * a literal star and `\\` a literal backslash (a backslash before any other character makes
 * that character literal; a trailing one is itself); everything else matches itself, over
 * the whole string.
 *
 * A two-pointer matcher that, on a mismatch, goes back only to the last star: O(n·m) at
 * worst, where a `.*` regular expression backtracks exponentially (`*a*a*a*a*a*b`).
 */
export function stringMatches(value: string, pattern: string): boolean {
  let parsed = cache.get(pattern);
  if (parsed === undefined) {
    parsed = parsePattern(pattern);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(pattern, parsed);
  }
  return matchWildcards(value, parsed);
}

function parsePattern(pattern: string): WildcardPattern {
  const parts: (string | typeof STAR)[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) parts.push(pattern.charAt(++i));
    else if (c === '*') parts.push(STAR);
    else parts.push(c);
  }
  return parts;
}

function matchWildcards(value: string, pattern: WildcardPattern): boolean {
  let v = 0;
  let p = 0;
  // Where the last star was, and the value position it currently stands for the end of.
  let starAt = -1;
  let starValue = 0;
  while (v < value.length) {
    const part = pattern[p];
    if (part === STAR) {
      starAt = p++;
      starValue = v;
    } else if (part !== undefined && part === value.charAt(v)) {
      p++;
      v++;
    } else if (starAt >= 0) {
      // The last star swallows one more character; everything after it starts again.
      p = starAt + 1;
      v = ++starValue;
    } else {
      return false;
    }
  }
  while (pattern[p] === STAR) p++;
  return p === pattern.length;
}
