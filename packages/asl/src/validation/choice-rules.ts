import { isJsonObject } from '../json.js';
import {
  type QueryLanguage,
  reportWarning,
  schemaError,
  type ValidationContext,
} from './context.js';
import { isValidPath } from './path-syntax.js';
import { languageMismatch } from './state-fields.js';
import { isRfc3339 } from './timestamp.js';

/** Comparison operators and the JSON type of their operand (ASL Choice state). */
const OPERATORS: Readonly<Record<string, 'string' | 'number' | 'boolean' | 'timestamp'>> = {
  StringEquals: 'string',
  StringLessThan: 'string',
  StringGreaterThan: 'string',
  StringLessThanEquals: 'string',
  StringGreaterThanEquals: 'string',
  StringMatches: 'string',
  NumericEquals: 'number',
  NumericLessThan: 'number',
  NumericGreaterThan: 'number',
  NumericLessThanEquals: 'number',
  NumericGreaterThanEquals: 'number',
  BooleanEquals: 'boolean',
  TimestampEquals: 'timestamp',
  TimestampLessThan: 'timestamp',
  TimestampGreaterThan: 'timestamp',
  TimestampLessThanEquals: 'timestamp',
  TimestampGreaterThanEquals: 'timestamp',
  IsNull: 'boolean',
  IsPresent: 'boolean',
  IsNumeric: 'boolean',
  IsString: 'boolean',
  IsBoolean: 'boolean',
  IsTimestamp: 'boolean',
};

/** `<Operator>Path` compares against another path; StringMatches and Is* have none. */
function operatorOf(field: string): { type: string; path: boolean } | undefined {
  const direct = Object.hasOwn(OPERATORS, field) ? OPERATORS[field] : undefined;
  if (direct !== undefined) return { type: direct, path: false };
  if (!field.endsWith('Path')) return undefined;
  const base = field.slice(0, -4);
  const type = Object.hasOwn(OPERATORS, base) ? OPERATORS[base] : undefined;
  if (type === undefined || base === 'StringMatches' || base.startsWith('Is')) return undefined;
  return { type, path: true };
}

const TOP_LEVEL_ONLY = new Set(['Next', 'Assign', 'Output', 'Comment']);

/** Checks a Choice state's `Choices`: non-empty, and each rule well formed for its language. */
export function checkChoices(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  language: QueryLanguage,
  location: string,
): void {
  const choices = state.Choices;
  if (!('Choices' in state)) {
    schemaError(ctx, 'These fields are required: [Choices]', location);
    return;
  }
  if (!Array.isArray(choices) || choices.length === 0) {
    schemaError(ctx, 'Value cannot be empty', `${location}/Choices`);
    return;
  }
  choices.forEach((rule, i) => {
    checkRule(ctx, rule, language, true, `${location}/Choices[${i}]`);
  });
}

function checkRule(
  ctx: ValidationContext,
  rule: unknown,
  language: QueryLanguage,
  top: boolean,
  at: string,
): void {
  if (!isJsonObject(rule)) {
    schemaError(ctx, 'A choice rule must be an object', at);
    return;
  }
  if (top && !('Next' in rule)) schemaError(ctx, 'These fields are required: [Next]', at);
  for (const field of Object.keys(rule)) {
    if (TOP_LEVEL_ONLY.has(field) && !top) {
      schemaError(ctx, `Field '${field}' is not supported in a nested choice rule`, at);
    }
  }
  if (language === 'JSONata') {
    for (const field of Object.keys(rule)) {
      if (field === 'Condition' || TOP_LEVEL_ONLY.has(field)) continue;
      schemaError(
        ctx,
        operatorOf(field) !== undefined || ['Variable', 'And', 'Or', 'Not'].includes(field)
          ? languageMismatch('JSONata', field, 'JSONPath')
          : `Field '${field}' is not supported`,
        at,
      );
    }
    if (!('Condition' in rule)) schemaError(ctx, 'These fields are required: [Condition]', at);
    return;
  }
  if ('Condition' in rule)
    schemaError(ctx, languageMismatch('JSONPath', 'Condition', 'JSONata'), at);
  if ('Output' in rule) schemaError(ctx, languageMismatch('JSONPath', 'Output', 'JSONata'), at);
  checkJsonPathRule(ctx, rule, language, at);
}

function checkJsonPathRule(
  ctx: ValidationContext,
  rule: Record<string, unknown>,
  language: QueryLanguage,
  at: string,
): void {
  const combinators = ['And', 'Or', 'Not'].filter((f) => f in rule);
  const operators = Object.keys(rule).filter((f) => operatorOf(f) !== undefined);
  const unknown = Object.keys(rule).filter(
    (f) =>
      !TOP_LEVEL_ONLY.has(f) &&
      f !== 'Variable' &&
      f !== 'Condition' &&
      !combinators.includes(f) &&
      !operators.includes(f),
  );
  for (const field of unknown) schemaError(ctx, `Field '${field}' is not supported`, at);
  if (combinators.length + operators.length !== 1) {
    schemaError(
      ctx,
      'A choice rule needs exactly one comparison operator (with Variable) or one of And, Or, Not',
      at,
    );
    return;
  }
  const [combinator] = combinators;
  if (combinator === 'Not') {
    checkRule(ctx, rule.Not, language, false, `${at}/Not`);
    return;
  }
  if (combinator !== undefined) {
    const list = rule[combinator];
    if (!Array.isArray(list) || list.length === 0) {
      schemaError(ctx, 'Value cannot be empty', `${at}/${combinator}`);
      return;
    }
    list.forEach((r, i) => {
      checkRule(ctx, r, language, false, `${at}/${combinator}[${i}]`);
    });
    return;
  }
  const [name = ''] = operators;
  const op = operatorOf(name);
  if (!('Variable' in rule)) schemaError(ctx, 'These fields are required: [Variable]', at);
  else if (typeof rule.Variable !== 'string' || !isValidPath(rule.Variable)) {
    schemaError(
      ctx,
      "The value for the field 'Variable' must be a valid JSONPath",
      `${at}/Variable`,
    );
  }
  const value = rule[name];
  if (op === undefined) return;
  if (op.path) {
    if (typeof value !== 'string' || !isValidPath(value)) {
      schemaError(
        ctx,
        `The value for the field '${name}' must be a valid JSONPath`,
        `${at}/${name}`,
      );
    }
    return;
  }
  const ok =
    op.type === 'timestamp'
      ? typeof value === 'string' && isRfc3339(value)
      : typeof value === op.type;
  if (!ok) {
    schemaError(
      ctx,
      `The value for the field '${name}' must be ${op.type === 'timestamp' ? 'an RFC3339 timestamp string' : `a ${op.type}`}`,
      `${at}/${name}`,
    );
  } else if (typeof value === 'string' && /^\$(\$|\.|\[)/.test(value)) {
    reportWarning(
      ctx,
      'NO_PATH',
      `The value of '${name}' looks like a path but is compared as a literal: use '${name}Path' to compare against the value at that path`,
      `${at}/${name}`,
    );
  }
}
