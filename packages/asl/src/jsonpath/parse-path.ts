import type { Json } from '../json.js';
import { evaluateDefinite, evaluateIndefinite, NOT_FOUND } from './evaluate-path.js';
import { compileFilter, FilterSyntaxError } from './filter-expression.js';
import type { ParsedPath, PathRoot, PathSegment } from './path-ast.js';

/** Thrown for a path that is not valid JSONPath; `message` says what is wrong. */
export class JsonPathSyntaxError extends Error {
  override readonly name = 'JsonPathSyntaxError';
}

// Paths come from definitions, so the set is small and each is parsed once.
const cache = new Map<string, ParsedPath>();

/**
 * Parses a JSONPath (`$...`, `$$...` or `$variable...`) as Jayway JsonPath does, caching
 * the result by text. Throws {@link JsonPathSyntaxError} for an invalid path.
 */
export function parsePath(path: string): ParsedPath {
  let parsed = cache.get(path);
  if (parsed === undefined) {
    parsed = new PathParser(path).parse();
    cache.set(path, parsed);
  }
  return parsed;
}

const VARIABLE_START = /^\$([\p{ID_Start}_][\p{ID_Continue}]*)/u;

class PathParser {
  private pos = 0;
  private readonly segments: PathSegment[] = [];

  constructor(private readonly text: string) {}

  parse(): ParsedPath {
    const root = this.parseRoot();
    while (this.pos < this.text.length) this.segments.push(this.parseSegment());
    // Jayway: a multi-property leaf (`$['a','b']`) is definite too, merged into one object.
    const last = this.segments.length - 1;
    const definite = this.segments.every(
      (s, i) =>
        (s.kind === 'property' && (s.names.length === 1 || i === last)) ||
        (s.kind === 'index' && s.indexes.length === 1) ||
        s.kind === 'length',
    );
    return {
      source: this.text,
      root,
      segments: this.segments,
      definite,
      normalized: normalize(root, this.segments),
    };
  }

  private fail(reason: string): never {
    throw new JsonPathSyntaxError(`${reason} in path ${this.text}`);
  }

  private parseRoot(): PathRoot {
    if (this.text.startsWith('$$')) {
      this.pos = 2;
      return { kind: 'context' };
    }
    const variable = VARIABLE_START.exec(this.text);
    if (variable?.[1] !== undefined) {
      this.pos = variable[0].length;
      return { kind: 'variable', name: variable[1] };
    }
    if (!this.text.startsWith('$')) this.fail('Path must start with $');
    this.pos = 1;
    return { kind: 'value' };
  }

  private parseSegment(): PathSegment {
    const c = this.text.charAt(this.pos);
    if (c === '[') return this.parseBracket();
    if (c !== '.') this.fail(`Unexpected character '${c}'`);
    if (this.text.charAt(this.pos + 1) === '.') {
      this.pos += 2;
      const next = this.text.charAt(this.pos);
      if (next === '[') return { kind: 'scan', step: this.parseBracket() };
      return { kind: 'scan', step: this.parseDotName() };
    }
    this.pos++;
    // Jayway reads the token after a dot as it reads any token, so `$.[0]` is `$[0]` and
    // `$.['a','b']` is `$['a','b']` (AWS runs such paths: they are in its public samples).
    if (this.text.charAt(this.pos) === '[') return this.parseBracket();
    return this.parseDotName();
  }

  /** After a dot: `*`, `length()`, or a name running to the next `.` or `[`. */
  private parseDotName(): PathSegment {
    if (this.text.charAt(this.pos) === '*') {
      this.pos++;
      return { kind: 'wildcard' };
    }
    const start = this.pos;
    while (this.pos < this.text.length && !'.[ ('.includes(this.text.charAt(this.pos))) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (name === '') this.fail('Empty property name');
    if (this.text.startsWith('()', this.pos)) {
      if (name !== 'length' || this.pos + 2 !== this.text.length) {
        this.fail(`Unsupported function ${name}()`);
      }
      this.pos += 2;
      return { kind: 'length' };
    }
    if (this.text.charAt(this.pos) === ' ' || this.text.charAt(this.pos) === '(') {
      this.fail('Unexpected character');
    }
    return { kind: 'property', names: [name] };
  }

  private parseBracket(): PathSegment {
    this.pos++; // [
    this.skipSpaces();
    const c = this.text.charAt(this.pos);
    let segment: PathSegment;
    if (c === '*') {
      this.pos++;
      segment = { kind: 'wildcard' };
    } else if (c === "'" || c === '"') {
      segment = { kind: 'property', names: this.parseQuotedNames() };
    } else if (c === '?') {
      segment = this.parseFilter();
    } else {
      segment = this.parseIndexOrSlice();
    }
    this.skipSpaces();
    if (this.text.charAt(this.pos) !== ']') this.fail('Missing ]');
    this.pos++;
    return segment;
  }

  private skipSpaces(): void {
    while (this.text.charAt(this.pos) === ' ') this.pos++;
  }

  private parseQuotedNames(): string[] {
    const names: string[] = [];
    for (;;) {
      const quote = this.text.charAt(this.pos);
      if (quote !== "'" && quote !== '"') this.fail('Expected a quoted property name');
      this.pos++;
      let name = '';
      for (;;) {
        if (this.pos >= this.text.length) this.fail('Unterminated property name');
        const c = this.text.charAt(this.pos++);
        if (c === '\\') name += this.text.charAt(this.pos++);
        else if (c === quote) break;
        else name += c;
      }
      names.push(name);
      this.skipSpaces();
      if (this.text.charAt(this.pos) !== ',') return names;
      this.pos++;
      this.skipSpaces();
    }
  }

  private parseFilter(): PathSegment {
    if (this.text.charAt(this.pos + 1) !== '(') this.fail('Expected ( after ?');
    const start = this.pos + 2;
    let depth = 1;
    let quote = '';
    let i = start;
    for (; i < this.text.length && depth > 0; i++) {
      const c = this.text.charAt(i);
      if (quote !== '') {
        if (c === '\\') i++;
        else if (c === quote) quote = '';
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    if (depth !== 0) this.fail('Unbalanced ( in filter');
    const source = this.text.slice(start, i - 1);
    this.pos = i;
    try {
      return { kind: 'filter', source, predicate: compileFilter(source, readFilterPath) };
    } catch (error) {
      if (error instanceof FilterSyntaxError || error instanceof JsonPathSyntaxError) {
        this.fail(error.message);
      }
      throw error;
    }
  }

  private parseIndexOrSlice(): PathSegment {
    const end = this.text.indexOf(']', this.pos);
    if (end < 0) this.fail('Missing ]');
    const body = this.text.slice(this.pos, end).replaceAll(' ', '');
    this.pos = end;
    const slice = /^(-?\d+)?:(-?\d+)?$/.exec(body);
    if (slice !== null) {
      const start = slice[1] === undefined ? undefined : Number(slice[1]);
      const stop = slice[2] === undefined ? undefined : Number(slice[2]);
      return { kind: 'slice', start, end: stop };
    }
    if (!/^-?\d+(,-?\d+)*$/.test(body)) this.fail(`Invalid array index [${body}]`);
    return { kind: 'index', indexes: body.split(',').map(Number) };
  }
}

/** Sub-paths of a filter: a definite path yields its value, an indefinite one its matches. */
function readFilterPath(path: string, current: Json, root: Json): Json | undefined {
  const parsed = parsePath(path);
  if (!parsed.definite) return evaluateIndefinite(parsed.segments, current, root);
  const value = evaluateDefinite(parsed.segments, current);
  return value === NOT_FOUND ? undefined : value;
}

function normalize(root: PathRoot, segments: readonly PathSegment[]): string {
  const head = root.kind === 'variable' ? `$${root.name}` : '$';
  return head + segments.map(normalizeSegment).join('');
}

function normalizeSegment(segment: PathSegment): string {
  switch (segment.kind) {
    case 'property':
      return `[${segment.names.map((n) => `'${n}'`).join(',')}]`;
    case 'index':
      return `[${segment.indexes.join(',')}]`;
    case 'slice':
      return `[${segment.start ?? ''}:${segment.end ?? ''}]`;
    case 'wildcard':
      return '[*]';
    case 'scan':
      return `..${normalizeSegment(segment.step)}`;
    case 'filter':
      return '[?]';
    case 'length':
      return '.length()';
  }
}
