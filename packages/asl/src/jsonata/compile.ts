import jsonata from 'jsonata';
import { registerStaticAwsFunctions } from './aws-functions.js';
import { installEvaluationBounds } from './evaluation-bounds.js';
import { LinearRegExp } from './linear-regex.js';
import { readsInheritedMembers } from './own-members.js';
import { parseSimplePath, type SimplePath } from './simple-path.js';

/** A JSONata expression compiled once, with the variable names it reads. */
export interface CompiledJsonata {
  readonly expression: jsonata.Expression;
  /**
   * Every `$name` the expression mentions (function names and lambda parameters too), minus
   * `states`: only these workflow variables need binding, so the variable reader needs no
   * way to list its names and an evaluation binds a handful of names, not every variable.
   */
  readonly variableNames: readonly string[];
  /** Whether `$random` or `$uuid` is mentioned, so their per-execution binding is needed. */
  readonly usesRandomness: boolean;
  /**
   * Whether the expression can read a member named like an Object.prototype one
   * (`$states.input.toString`, `$lookup`): then it runs over copies without prototypes.
   */
  readonly readsInheritedMembers: boolean;
  /** Set when the expression only walks object members: it can skip jsonata. */
  readonly simplePath: SimplePath | undefined;
}

/** Compiled expressions by their text; definitions hold a bounded set of expressions. */
const cache = new Map<string, CompiledJsonata>();
/** A safety valve against unbounded growth when callers evaluate generated expressions. */
const MAX_CACHED = 10_000;

function collectVariableNames(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectVariableNames(item, names);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if (record.type === 'variable' && typeof record.value === 'string') names.add(record.value);
  for (const key in record) {
    const child = record[key];
    if (typeof child === 'object' && child !== null) collectVariableNames(child, names);
  }
}

/**
 * The compiled form of a JSONata expression body (the text between `{%` and `%}`), from the
 * cache when it was compiled before. Throws jsonata's syntax error (code S0xxx) when the
 * text does not parse.
 */
export function compileJsonata(body: string): CompiledJsonata {
  const cached = cache.get(body);
  if (cached !== undefined) return cached;
  // jsonata keeps the engine in a module-wide setting that every compilation overwrites:
  // always passing it keeps regex literals on the linear engine.
  const expression = jsonata(body, { RegexEngine: LinearRegExp as unknown as RegExp });
  registerStaticAwsFunctions(expression);
  installEvaluationBounds(expression);
  const names = new Set<string>();
  collectVariableNames(expression.ast(), names);
  const usesRandomness = names.has('random') || names.has('uuid');
  // '' is `$` and '$' is `$$`: the context, not variables.
  for (const reserved of ['', '$', 'states']) names.delete(reserved);
  const compiled: CompiledJsonata = {
    expression,
    variableNames: [...names],
    usesRandomness,
    readsInheritedMembers: readsInheritedMembers(expression.ast()),
    simplePath: parseSimplePath(body),
  };
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(body, compiled);
  return compiled;
}
