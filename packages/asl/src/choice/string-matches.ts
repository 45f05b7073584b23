// StringMatches patterns come from definitions: compile each once.
const cache = new Map<string, RegExp>();

/**
 * The `StringMatches` test: `*` matches any run of characters (empty included), `\*`
 * a literal star and `\\` a literal backslash; everything else matches itself, over
 * the whole string.
 */
export function stringMatches(value: string, pattern: string): boolean {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    regex = compilePattern(pattern);
    cache.set(pattern, regex);
  }
  return regex.test(value);
}

function compilePattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\\' && i + 1 < pattern.length) {
      source += escapeRegex(pattern.charAt(++i));
    } else if (c === '*') {
      source += '.*';
    } else {
      source += escapeRegex(c);
    }
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}
