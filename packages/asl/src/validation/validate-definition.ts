import { isJsonObject } from '../json.js';
import { nestedBlock, walkStates } from '../walk-states.js';
import { type QueryLanguage, reportError, schemaError, type ValidationContext } from './context.js';
import type { Diagnostic } from './diagnostic.js';
import { checkIntegerField, MAX_SECONDS } from './limits.js';
import { checkDuplicateName, checkStateName } from './state-names.js';
import { checkState, type NestedBlock } from './state-rules.js';
import { checkTransitions } from './transitions.js';

/** Options of {@link validateDefinition}, as ValidateStateMachineDefinition takes them. */
export interface ValidateDefinitionOptions {
  /** The workflow type: EXPRESS lacks `.sync` and `.waitForTaskToken`. Default STANDARD. */
  type?: 'STANDARD' | 'EXPRESS';
  /** ERROR (default) returns errors only; WARNING returns errors and warnings. */
  severity?: 'ERROR' | 'WARNING';
}

const TOP_FIELDS = new Set([
  'Comment',
  'StartAt',
  'States',
  'Version',
  'TimeoutSeconds',
  'QueryLanguage',
]);
const BLOCK_FIELDS = new Set(['Comment', 'StartAt', 'States']);
const PROCESSOR_FIELDS = new Set([...BLOCK_FIELDS, 'ProcessorConfig']);

/**
 * Validates a state machine definition as ValidateStateMachineDefinition and
 * CreateStateMachine do, without running it: JSON syntax, the top-level and each state's
 * fields for its type and query language, required fields, value ranges, Path, intrinsic
 * and JSONata syntax, and the graph of each `States` block (targets exist, every state is
 * reachable, some state ends). Parallel branches and Map item processors are checked the
 * same way, each as its own block.
 *
 * @param definition The definition, parsed or as JSON text.
 * @returns The diagnostics, errors first in definition order; `[]` when the definition is valid.
 */
export function validateDefinition(
  definition: unknown,
  options: ValidateDefinitionOptions = {},
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const parsed = parse(definition, diagnostics);
  if (parsed !== undefined) {
    const topLanguage: QueryLanguage = parsed.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
    const ctx: ValidationContext = { diagnostics, topLanguage, type: options.type ?? 'STANDARD' };
    checkTop(ctx, parsed);
  }
  if (options.severity === 'WARNING') {
    // Errors first, as AWS lists them; the sort is stable so order within a level is kept.
    return diagnostics.sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'ERROR' ? -1 : 1,
    );
  }
  return diagnostics.filter((d) => d.severity === 'ERROR');
}

function parse(
  definition: unknown,
  diagnostics: Diagnostic[],
): Record<string, unknown> | undefined {
  let value = definition;
  if (typeof definition === 'string') {
    if (definition.trim() === '') {
      diagnostics.push({
        severity: 'ERROR',
        code: 'MISSING_DESCRIPTION',
        message: 'The definition is empty',
      });
      return undefined;
    }
    try {
      value = JSON.parse(definition);
    } catch (e) {
      diagnostics.push({
        severity: 'ERROR',
        code: 'INVALID_JSON_DESCRIPTION',
        message: `The definition is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      });
      return undefined;
    }
  }
  if (value === null || value === undefined) {
    diagnostics.push({
      severity: 'ERROR',
      code: 'MISSING_DESCRIPTION',
      message: 'The definition is empty',
    });
    return undefined;
  }
  if (!isJsonObject(value)) {
    diagnostics.push({
      severity: 'ERROR',
      code: 'SCHEMA_VALIDATION_FAILED',
      message: 'The definition must be a JSON object with StartAt and States',
    });
    return undefined;
  }
  return value;
}

function checkTop(ctx: ValidationContext, top: Record<string, unknown>): void {
  for (const field of Object.keys(top)) {
    if (!TOP_FIELDS.has(field)) schemaError(ctx, `Field '${field}' is not supported`, '/');
  }
  if (
    'QueryLanguage' in top &&
    top.QueryLanguage !== 'JSONPath' &&
    top.QueryLanguage !== 'JSONata'
  ) {
    schemaError(
      ctx,
      "The value of 'QueryLanguage' must be 'JSONPath' or 'JSONata'",
      '/QueryLanguage',
    );
  }
  if ('Version' in top && typeof top.Version !== 'string') {
    schemaError(ctx, "The value of 'Version' must be a string", '/Version');
  }
  checkIntegerField(ctx, top, 'TimeoutSeconds', 1, MAX_SECONDS, '');
  const seen = new Set<string>();
  // Breadth-first, each level whole before the next: the order diagnostics have always had.
  walkStates(
    top,
    {
      block: (visit) => {
        const { block, location: prefix, kind } = visit;
        if (!isJsonObject(block)) {
          schemaError(
            ctx,
            'A branch or item processor must be an object with StartAt and States',
            prefix,
          );
          return [];
        }
        if (kind !== 'Top') {
          const allowed = kind === 'Branch' ? BLOCK_FIELDS : PROCESSOR_FIELDS;
          for (const field of Object.keys(block)) {
            if (!allowed.has(field)) schemaError(ctx, `Field '${field}' is not supported`, prefix);
          }
        }
        return checkBlock(ctx, block, prefix, seen).map((nested) => nestedBlock(visit, nested));
      },
    },
    { order: 'breadth-first' },
  );
}

/** Checks one `States` block and its states; returns the blocks nested in its states. */
function checkBlock(
  ctx: ValidationContext,
  block: Record<string, unknown>,
  prefix: string,
  seen: Set<string>,
): NestedBlock[] {
  const missing = ['StartAt', 'States'].filter((f) => !(f in block));
  if (missing.length > 0) {
    schemaError(
      ctx,
      `These fields are required: [${missing.join(', ')}]`,
      prefix === '' ? '/' : prefix,
    );
  }
  const startAt = block.StartAt;
  const states = block.States;
  if ('StartAt' in block && typeof startAt !== 'string') {
    schemaError(ctx, "The value of 'StartAt' must be a state name (a string)", `${prefix}/StartAt`);
  }
  if (!isJsonObject(states)) {
    if ('States' in block)
      schemaError(ctx, "'States' must be an object of states", `${prefix}/States`);
    return [];
  }
  const names = Object.keys(states);
  if (names.length === 0) {
    schemaError(ctx, 'Value cannot be empty', `${prefix}/States`);
    return [];
  }
  if (typeof startAt === 'string' && !Object.hasOwn(states, startAt)) {
    reportError(
      ctx,
      'MISSING_TRANSITION_TARGET',
      `Missing 'StartAt' target: ${startAt}`,
      `${prefix}/StartAt`,
    );
  }
  const nested: NestedBlock[] = [];
  // No prototype: a state named `__proto__` is an entry like any other.
  const objects: Record<string, Record<string, unknown>> = Object.create(null);
  for (const name of names) {
    const location = `${prefix}/States/${name}`;
    checkStateName(ctx, name, location);
    checkDuplicateName(ctx, seen, name, location);
    const state = states[name];
    nested.push(...checkState(ctx, state, location));
    if (isJsonObject(state)) objects[name] = state;
  }
  checkTransitions(ctx, startAt, objects, prefix);
  return nested;
}
