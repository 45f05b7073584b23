import { isJsonObject, type Json } from '../json.js';
import type { FilterPredicate } from './path-ast.js';

/**
 * Reads a sub-path of a filter (`@.price`, `$.limit`): the matched value, the array of
 * matches for an indefinite path, or undefined when nothing matches.
 */
export type FilterPathReader = (path: string, current: Json, root: Json) => Json | undefined;

/** Thrown for a filter that cannot be parsed; the path parser reports it as a syntax error. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
}

type Operand = (current: Json, root: Json) => Json | RegExpHolder | undefined;

const COMPARATORS = ['==', '!=', '<=', '>=', '<', '>', '=~'] as const;
type Comparator = (typeof COMPARATORS)[number];

/**
 * Compiles the inside of a Jayway filter, `[?(<source>)]`: `@`/`$` sub-paths, string,
 * number, boolean and null literals, `/regex/flags`, the comparators `== != < <= > >= =~`,
 * `&&`, `||`, `!` and parentheses. A bare path tests existence. Only what AWS users
 * write in practice; Jayway's `in`, `size`, `empty`... are not supported.
 */
export function compileFilter(source: string, readPath: FilterPathReader): FilterPredicate {
  const parser = new FilterParser(source, readPath);
  const predicate = parser.parseOr();
  parser.skipSpaces();
  if (!parser.atEnd()) throw new FilterSyntaxError(`Unexpected '${parser.rest()}' in filter`);
  return predicate;
}

class FilterParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly readPath: FilterPathReader,
  ) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  rest(): string {
    return this.text.slice(this.pos);
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  private eat(token: string): boolean {
    this.skipSpaces();
    if (this.text.startsWith(token, this.pos)) {
      this.pos += token.length;
      return true;
    }
    return false;
  }

  parseOr(): FilterPredicate {
    const terms = [this.parseAnd()];
    while (this.eat('||')) terms.push(this.parseAnd());
    if (terms.length === 1 && terms[0]) return terms[0];
    return (current, root) => terms.some((term) => term(current, root));
  }

  private parseAnd(): FilterPredicate {
    const terms = [this.parseUnary()];
    while (this.eat('&&')) terms.push(this.parseUnary());
    if (terms.length === 1 && terms[0]) return terms[0];
    return (current, root) => terms.every((term) => term(current, root));
  }

  private parseUnary(): FilterPredicate {
    this.skipSpaces();
    if (this.text.startsWith('!=', this.pos)) throw new FilterSyntaxError('Unexpected !=');
    if (this.eat('!')) {
      const inner = this.parseUnary();
      return (current, root) => !inner(current, root);
    }
    if (this.eat('(')) {
      const inner = this.parseOr();
      if (!this.eat(')')) throw new FilterSyntaxError('Missing ) in filter');
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterPredicate {
    const left = this.parseOperand();
    this.skipSpaces();
    const comparator = COMPARATORS.find((c) => this.text.startsWith(c, this.pos));
    if (comparator === undefined) {
      // A bare operand tests that the path exists (Jayway's existence check).
      return (current, root) => left(current, root) !== undefined;
    }
    this.pos += comparator.length;
    const right = this.parseOperand();
    return (current, root) => compare(comparator, left(current, root), right(current, root));
  }

  private parseOperand(): Operand {
    this.skipSpaces();
    const c = this.text.charAt(this.pos);
    if (c === '@' || c === '$') {
      const path = this.readPathText();
      const relative = c === '@' ? `$${path.slice(1)}` : path;
      const readPath = this.readPath;
      return c === '@'
        ? (current, root) => readPath(relative, current, root)
        : (_current, root) => readPath(relative, root, root);
    }
    if (c === "'" || c === '"') {
      const value = this.readQuoted(c);
      return () => value;
    }
    if (c === '/') {
      const regex = this.readRegex();
      return () => regex;
    }
    const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.rest());
    if (literal?.[1] === undefined) throw new FilterSyntaxError(`Unexpected '${this.rest()}'`);
    this.pos += literal[1].length;
    const value = JSON.parse(literal[1]) as Json;
    return () => value;
  }

  /** A sub-path runs until a space or an operator, brackets (and their quotes) included. */
  private readPathText(): string {
    const start = this.pos;
    let depth = 0;
    let quote = '';
    while (this.pos < this.text.length) {
      const c = this.text.charAt(this.pos);
      if (quote !== '') {
        if (c === '\\') this.pos++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '[') {
        depth++;
      } else if (c === ']') {
        depth--;
      } else if (depth === 0 && /[\s=!<>&|)~]/.test(c)) {
        break;
      }
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private readQuoted(quote: string): string {
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text.charAt(this.pos++);
      if (c === '\\') out += this.text.charAt(this.pos++);
      else if (c === quote) return out;
      else out += c;
    }
    throw new FilterSyntaxError('Unterminated string in filter');
  }

  private readRegex(): RegExpHolder {
    const match = /^\/((?:\\.|[^/\\])*)\/([a-z]*)/.exec(this.rest());
    if (match === null) throw new FilterSyntaxError('Unterminated regex in filter');
    this.pos += match[0].length;
    return new RegExpHolder(new RegExp(match[1] ?? '', match[2]));
  }
}

/** A regex operand; kept out of the Json union so that it only meets `=~`. */
class RegExpHolder {
  constructor(readonly regex: RegExp) {}
}

function compare(comparator: Comparator, left: unknown, right: unknown): boolean {
  if (comparator === '=~') {
    return typeof left === 'string' && right instanceof RegExpHolder && right.regex.test(left);
  }
  if (left === undefined || right === undefined) return comparator === '!=';
  switch (comparator) {
    case '==':
      return looselyEqual(left as Json, right as Json);
    case '!=':
      return !looselyEqual(left as Json, right as Json);
    default:
      return ordered(comparator, left, right);
  }
}

function ordered(comparator: '<' | '<=' | '>' | '>=', left: unknown, right: unknown): boolean {
  const bothNumbers = typeof left === 'number' && typeof right === 'number';
  const bothStrings = typeof left === 'string' && typeof right === 'string';
  if (!bothNumbers && !bothStrings) return false;
  const l = left as number | string;
  const r = right as number | string;
  if (comparator === '<') return l < r;
  if (comparator === '<=') return l <= r;
  if (comparator === '>') return l > r;
  return l >= r;
}

/** Jayway compares a number with a numeric string as numbers; everything else structurally. */
function looselyEqual(left: Json, right: Json): boolean {
  if (typeof left === 'number' && typeof right === 'string') return left === Number(right);
  if (typeof left === 'string' && typeof right === 'number') return Number(left) === right;
  return deepEqual(left, right);
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i] ?? null))
    );
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k] ?? null, b[k] ?? null));
  }
  return false;
}
