import type { IntrinsicArgument, IntrinsicCall, StringArgument } from './ast.js';
import { isIntrinsicName } from './function-names.js';
import { IntrinsicSyntaxError } from './intrinsic-syntax-error.js';

/** AWS allows intrinsic calls nested at most 10 deep (the outermost call counts as 1). */
export const MAX_INTRINSIC_NESTING = 10;

const NAME_CHAR = /[A-Za-z0-9]/;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const KEYWORDS: ReadonlyMap<string, boolean | null> = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
]);

/**
 * Parses an intrinsic function call such as `States.Format('Hello {}', $.name)`.
 *
 * @throws IntrinsicSyntaxError when the text is not one well-formed call of a known
 *   function (bad escapes, unterminated strings, unknown names, nesting deeper than 10).
 */
export function parseIntrinsic(expression: string): IntrinsicCall {
  const parser = new Parser(expression);
  parser.skipSpace();
  const call = parser.call(1);
  parser.skipSpace();
  if (!parser.atEnd()) parser.fail('unexpected text after the call');
  return call;
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(reason: string): never {
    throw new IntrinsicSyntaxError(this.text, reason, this.pos);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }

  call(depth: number): IntrinsicCall {
    if (depth > MAX_INTRINSIC_NESTING) {
      this.fail(`intrinsic functions nested more than ${MAX_INTRINSIC_NESTING} deep`);
    }
    const start = this.pos;
    if (!this.text.startsWith('States.', this.pos)) this.fail('expected an intrinsic function');
    this.pos += 'States.'.length;
    while (NAME_CHAR.test(this.text.charAt(this.pos))) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (!isIntrinsicName(name)) {
      this.pos = start;
      this.fail(`unknown intrinsic function '${name}'`);
    }
    if (this.text.charAt(this.pos) !== '(') this.fail(`expected '(' after ${name}`);
    this.pos++;
    const args: IntrinsicArgument[] = [];
    this.skipSpace();
    if (this.text.charAt(this.pos) === ')') {
      this.pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.argument(depth));
      this.skipSpace();
      const next = this.text.charAt(this.pos);
      this.pos++;
      if (next === ')') return { kind: 'call', name, args };
      if (next !== ',') {
        this.pos--;
        this.fail(this.atEnd() ? `missing ')' to close ${name}` : "expected ',' or ')'");
      }
    }
  }

  private argument(depth: number): IntrinsicArgument {
    const c = this.text.charAt(this.pos);
    if (c === "'") return this.string();
    if (c === '$') return { kind: 'path', path: this.path() };
    if (this.text.startsWith('States.', this.pos)) return this.call(depth + 1);
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number !== null) {
      this.pos += number[0].length;
      this.expectDelimiter();
      return { kind: 'constant', value: Number(number[0]) };
    }
    const word = /^[a-z]+/.exec(this.text.slice(this.pos, this.pos + 6))?.[0] ?? '';
    const keyword = KEYWORDS.get(word);
    if (keyword !== undefined) {
      this.pos += word.length;
      this.expectDelimiter();
      return { kind: 'constant', value: keyword };
    }
    return this.fail(this.atEnd() ? 'missing argument' : 'invalid argument');
  }

  /** A literal must be followed by a separator, not run into other text (`12abc`). */
  private expectDelimiter(): void {
    const c = this.text.charAt(this.pos);
    if (c !== '' && c !== ',' && c !== ')' && !/\s/.test(c)) this.fail('invalid argument');
  }

  /** `'...'` with AWS's four escapes; records the `{}` placeholders for States.Format. */
  private string(): StringArgument {
    this.pos++;
    let value = '';
    let part = '';
    let parts: string[] | null = [];
    for (;;) {
      if (this.atEnd()) this.fail('unterminated string');
      const c = this.text.charAt(this.pos);
      if (c === "'") {
        this.pos++;
        parts?.push(part);
        return { kind: 'string', value, formatParts: parts };
      }
      if (c === '\\') {
        const escaped = this.text.charAt(this.pos + 1);
        if (escaped !== "'" && escaped !== '{' && escaped !== '}' && escaped !== '\\') {
          this.fail(escaped === '' ? 'unterminated string' : `invalid escape '\\${escaped}'`);
        }
        value += escaped;
        part += escaped;
        this.pos += 2;
        continue;
      }
      if (c === '{' && this.text.charAt(this.pos + 1) === '}') {
        value += '{}';
        parts?.push(part);
        part = '';
        this.pos += 2;
        continue;
      }
      // An unescaped lone brace is fine for other functions but not a Format template.
      if (c === '{' || c === '}') parts = null;
      value += c;
      part += c;
      this.pos++;
    }
  }

  /** A path runs to the next top-level `,`, `)` or space; brackets may hold anything. */
  private path(): string {
    const start = this.pos;
    let brackets = 0;
    while (!this.atEnd()) {
      const c = this.text.charAt(this.pos);
      if (brackets === 0 && (c === ',' || c === ')' || /\s/.test(c))) break;
      if (c === '[') brackets++;
      else if (c === ']') brackets--;
      else if ((c === "'" || c === '"') && brackets > 0) this.skipQuoted(c);
      this.pos++;
    }
    if (brackets !== 0) this.fail("unbalanced '[' in path");
    return this.text.slice(start, this.pos);
  }

  /** Moves to the closing quote of a quoted name inside a path's brackets. */
  private skipQuoted(quote: string): void {
    this.pos++;
    while (!this.atEnd() && this.text.charAt(this.pos) !== quote) {
      if (this.text.charAt(this.pos) === '\\') this.pos++;
      this.pos++;
    }
    if (this.atEnd()) this.fail('unterminated quoted name in path');
  }
}
