import type { Json } from '../json.js';
import type { RandomSource } from '../scope.js';
import { fieldError, StatesErrors } from '../states-error.js';
import type { IntrinsicArgument } from './ast.js';
import { isIntrinsicName } from './function-names.js';
import { IntrinsicSyntaxError } from './intrinsic-syntax-error.js';
import { parseIntrinsic } from './parse-intrinsic.js';
import { INTRINSIC_FUNCTIONS } from './registry.js';

type PathResolver = (path: string) => Json;
type Evaluator = (resolvePath: PathResolver, random: RandomSource) => Json;

/**
 * Expressions come from state machine definitions, so there are few distinct ones; the cap
 * only guards against a caller feeding generated texts.
 */
const CACHE_LIMIT = 10_000;
const cache = new Map<string, Evaluator>();

/**
 * Evaluates an intrinsic function call, e.g. `States.Format('Hello {}', $.name)`.
 * Each distinct expression is parsed once; later calls reuse the compiled form.
 *
 * @param expression - the call, as the `.$` field holds it.
 * @param resolvePath - resolves a path argument (`$.a`, `$$.Execution.Id`, `$var.x`),
 *   given as its text; its own errors (a path that matches nothing) pass through.
 * @param random - randomness for `States.UUID` and unseeded `States.MathRandom`.
 * @returns the call's value.
 * @throws StatesError `States.Runtime` "Invalid arguments in States.X" for bad arguments,
 *   and `States.Runtime` with the parse error for an expression that does not parse.
 */
export function evaluateIntrinsic(
  expression: string,
  resolvePath: PathResolver,
  random: RandomSource,
): Json {
  let evaluator = cache.get(expression);
  if (evaluator === undefined) {
    evaluator = compileExpression(expression);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(expression, evaluator);
  }
  return evaluator(resolvePath, random);
}

/**
 * Whether `text` is meant as an intrinsic call: `States.`, a known function name and `(`.
 * Payload templates use it to tell a call from a path in a `.$` field.
 */
export function isIntrinsicCall(text: string): boolean {
  const match = /^(States\.[A-Za-z0-9]+)\(/.exec(text);
  return match?.[1] !== undefined && isIntrinsicName(match[1]);
}

function compileExpression(expression: string): Evaluator {
  try {
    return compile(parseIntrinsic(expression));
  } catch (error) {
    // Validation normally rejects these at creation; here the state fails instead.
    if (error instanceof IntrinsicSyntaxError) {
      throw fieldError(StatesErrors.Runtime, error.message);
    }
    throw error;
  }
}

/** Turns a parsed argument into a closure, so evaluation does no dispatch on node kinds. */
function compile(node: IntrinsicArgument): Evaluator {
  switch (node.kind) {
    case 'string':
    case 'constant': {
      const value = node.value;
      return () => value;
    }
    case 'path': {
      const path = node.path;
      return (resolvePath) => resolvePath(path);
    }
    case 'call': {
      const fn = INTRINSIC_FUNCTIONS[node.name];
      const nodes = node.args;
      const args = nodes.map(compile);
      return (resolvePath, random) => {
        const values: Json[] = new Array<Json>(args.length);
        for (let i = 0; i < args.length; i++) {
          values[i] = (args[i] as Evaluator)(resolvePath, random);
        }
        return fn(values, nodes, random);
      };
    }
  }
}
