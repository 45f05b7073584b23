import { type QueryLanguage, schemaError, type ValidationContext } from './context.js';

/** The state types the States Language defines. */
export const STATE_TYPES = ['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'];

/** Fields that exist only in JSONPath states (ASL-FACTS §1). */
export const JSONPATH_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'Result',
  'ItemsPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'SecondsPath',
  'TimestampPath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
  'ErrorPath',
  'CausePath',
]);

/** Fields that exist only in JSONata states (ASL-FACTS §1). */
export const JSONATA_ONLY_FIELDS: ReadonlySet<string> = new Set(['Arguments', 'Output', 'Items']);

const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const IO = ['InputPath', 'OutputPath', 'Output'];
const RESULT = ['Parameters', 'ResultSelector', 'ResultPath', 'Assign'];
const ERRORS = ['Retry', 'Catch'];

/** Every field each state type accepts, in either language. */
const FIELDS_BY_TYPE: Readonly<Record<string, ReadonlySet<string>>> = {
  Pass: new Set([...COMMON, ...FLOW, ...IO, 'Parameters', 'ResultPath', 'Result', 'Assign']),
  Task: new Set([
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    ...ERRORS,
    'Resource',
    'Arguments',
    'Credentials',
    'TimeoutSeconds',
    'TimeoutSecondsPath',
    'HeartbeatSeconds',
    'HeartbeatSecondsPath',
  ]),
  Choice: new Set([...COMMON, ...IO, 'Choices', 'Default', 'Assign']),
  Wait: new Set([
    ...COMMON,
    ...FLOW,
    ...IO,
    'Assign',
    'Seconds',
    'SecondsPath',
    'Timestamp',
    'TimestampPath',
  ]),
  Succeed: new Set([...COMMON, ...IO]),
  Fail: new Set([...COMMON, 'Error', 'ErrorPath', 'Cause', 'CausePath']),
  Parallel: new Set([...COMMON, ...FLOW, ...IO, ...RESULT, ...ERRORS, 'Branches', 'Arguments']),
  Map: new Set([
    ...COMMON,
    ...FLOW,
    ...IO,
    ...RESULT,
    ...ERRORS,
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'Items',
    'ItemSelector',
    'ItemReader',
    'ItemBatcher',
    'ResultWriter',
    'MaxConcurrency',
    'MaxConcurrencyPath',
    'ToleratedFailurePercentage',
    'ToleratedFailurePercentagePath',
    'ToleratedFailureCount',
    'ToleratedFailureCountPath',
    'Label',
  ]),
};

/**
 * Checks that every field of a state is one its type accepts and one its query language
 * accepts. Returns false when the type itself is unknown, so later rules skip the state.
 */
export function checkStateFields(
  ctx: ValidationContext,
  state: Record<string, unknown>,
  language: QueryLanguage,
  location: string,
): boolean {
  const type = state.Type;
  if (type === undefined) {
    schemaError(ctx, 'These fields are required: [Type]', location);
    return false;
  }
  const allowed =
    typeof type === 'string' && Object.hasOwn(FIELDS_BY_TYPE, type)
      ? FIELDS_BY_TYPE[type]
      : undefined;
  if (allowed === undefined) {
    schemaError(
      ctx,
      `Value is not a valid state type: ${JSON.stringify(type)} (one of ${STATE_TYPES.join(', ')})`,
      `${location}/Type`,
    );
    return false;
  }
  for (const field of Object.keys(state)) {
    if (!allowed.has(field)) {
      // AWS's measured wording; the location is the state, not the field.
      schemaError(ctx, `Field '${field}' is not supported`, location);
    } else if (language === 'JSONata' && JSONPATH_ONLY_FIELDS.has(field)) {
      schemaError(ctx, languageMismatch('JSONata', field, 'JSONPath'), location);
    } else if (language === 'JSONPath' && JSONATA_ONLY_FIELDS.has(field)) {
      schemaError(ctx, languageMismatch('JSONPath', field, 'JSONata'), location);
    }
  }
  return true;
}

/** AWS's wording for a field written in the other query language. */
export function languageMismatch(set: QueryLanguage, field: string, only: QueryLanguage): string {
  return `The QueryLanguage is set to '${set}', but field '${field}' is only supported for the '${only}' QueryLanguage`;
}
