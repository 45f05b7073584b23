import { INTRINSIC_FUNCTION_NAMES } from '../intrinsics/function-names.js';
import { MAX_INTRINSIC_NESTING } from '../intrinsics/parse-intrinsic.js';
/**
 * Shallow syntax checks for the strings JSONPath states evaluate: a Path (`$`, `$.a.b`,
 * `$['a b'][0]`, `$$.Execution.Id`, `$var.x`) and an intrinsic function call
 * (`States.Format('{}', $.a)`). They catch what CreateStateMachine rejects without
 * running anything; the evaluator in src/jsonpath and src/intrinsics does the rest.
 */

/** Whether `text` looks like a JSONPath: `$` followed by well-formed segments. */
export function isValidPath(text: string): boolean {
  if (!text.startsWith('$')) return false;
  let i = 1;
  if (text[i] === '$') i++;
  else {
    // A variable reference: `$name` (ID_Start ID_Continue*).
    const m = /^[\p{ID_Start}_][\p{ID_Continue}]*/u.exec(text.slice(i));
    if (m) i += m[0].length;
  }
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
      if (text[i] === '.') i++; // deep scan `..`
      if (text[i] === '[') continue;
      const start = i;
      while (i < text.length && text[i] !== '.' && text[i] !== '[') i++;
      if (i === start) return false; // `$.` or `$.a.` has an empty name
    } else if (c === '[') {
      const end = closingBracket(text, i);
      if (end < 0 || end === i + 1) return false;
      i = end + 1;
    } else {
      return false;
    }
  }
  return true;
}

/** The index of the `]` that closes the `[` at `open`, skipping quoted names; -1 if none. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0) return c === ']' ? i : -1;
    }
  }
  return -1;
}

// The function names and the nesting limit are the intrinsics module's: one list.
const INTRINSICS: ReadonlySet<string> = new Set(INTRINSIC_FUNCTION_NAMES);
const MAX_INTRINSIC_DEPTH = MAX_INTRINSIC_NESTING;

/**
 * Whether `text` is one well-formed intrinsic call: a known `States.` function, its
 * arguments strings (escaping only `' { } \`), numbers, `null`, booleans, Paths or nested
 * calls.
 */
export function isValidIntrinsic(text: string): boolean {
  const parser = new IntrinsicParser(text);
  return parser.call(1) && parser.skipSpaces() === text.length;
}

class IntrinsicParser {
  private i = 0;

  constructor(private readonly text: string) {}

  skipSpaces(): number {
    while (this.text[this.i] === ' ') this.i++;
    return this.i;
  }

  call(depth: number): boolean {
    if (depth > MAX_INTRINSIC_DEPTH) return false;
    const m = /^States\.([A-Za-z0-9]+)\(/.exec(this.text.slice(this.i));
    if (!m || !INTRINSICS.has(m[1] ?? '')) return false;
    this.i += m[0].length;
    this.skipSpaces();
    if (this.text[this.i] === ')') {
      this.i++;
      return true;
    }
    for (;;) {
      this.skipSpaces();
      if (!this.argument(depth)) return false;
      this.skipSpaces();
      const c = this.text[this.i++];
      if (c === ')') return true;
      if (c !== ',') return false;
    }
  }

  private argument(depth: number): boolean {
    const rest = this.text.slice(this.i);
    const c = rest[0];
    if (c === "'") return this.string();
    if (rest.startsWith('States.')) return this.call(depth + 1);
    if (c === '$') return this.path();
    const m = /^(-?\d+(\.\d+)?([eE][-+]?\d+)?|null|true|false)(?=[\s,)])/.exec(rest);
    if (!m) return false;
    this.i += m[0].length;
    return true;
  }

  private string(): boolean {
    for (this.i++; this.i < this.text.length; this.i++) {
      const c = this.text[this.i];
      if (c === "'") {
        this.i++;
        return true;
      }
      if (c === '\\') {
        // Only these four may be escaped; `\"` and friends are rejected at create time.
        const next = this.text[++this.i];
        if (next !== "'" && next !== '{' && next !== '}' && next !== '\\') return false;
      }
    }
    return false;
  }

  private path(): boolean {
    const start = this.i;
    let depth = 0;
    let quote: string | undefined;
    for (; this.i < this.text.length; this.i++) {
      const c = this.text[this.i];
      if (quote !== undefined) {
        if (c === '\\') this.i++;
        else if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') {
        if (depth === 0) break;
        depth--;
      } else if ((c === ',' || c === ' ') && depth === 0) break;
    }
    return isValidPath(this.text.slice(start, this.i));
  }
}

/** Whether a `.$` value is acceptable: a Path or an intrinsic call. */
export function isPathOrIntrinsic(text: string): boolean {
  return text.startsWith('States.') ? isValidIntrinsic(text) : isValidPath(text);
}
