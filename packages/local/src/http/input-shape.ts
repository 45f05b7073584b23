import { SfnApiError } from './api-error.js';
import type { SfnOperation, SfnOperations } from './operation.js';

/** A member's JSON type in an operation's input, as the API's model declares it. */
export type MemberType = 'string' | 'integer' | 'boolean';

/** An operation's input members: type, and whether the member is required. */
export type InputShape = Readonly<Record<string, { type: MemberType; required?: boolean }>>;

const OPTIONAL_STRING = { type: 'string' } as const;
const REQUIRED_STRING = { type: 'string', required: true } as const;
const INTEGER = { type: 'integer' } as const;
const BOOLEAN = { type: 'boolean' } as const;

/** The input members of the operations the endpoint implements (Step Functions API reference). */
export const INPUT_SHAPES: Readonly<Record<string, InputShape>> = {
  ListStateMachines: { maxResults: INTEGER, nextToken: OPTIONAL_STRING },
  DescribeStateMachine: { stateMachineArn: REQUIRED_STRING, includedData: OPTIONAL_STRING },
  StartExecution: {
    stateMachineArn: REQUIRED_STRING,
    name: OPTIONAL_STRING,
    input: OPTIONAL_STRING,
    traceHeader: OPTIONAL_STRING,
  },
  StartSyncExecution: {
    stateMachineArn: REQUIRED_STRING,
    name: OPTIONAL_STRING,
    input: OPTIONAL_STRING,
    traceHeader: OPTIONAL_STRING,
    includedData: OPTIONAL_STRING,
  },
  DescribeExecution: { executionArn: REQUIRED_STRING, includedData: OPTIONAL_STRING },
  ListExecutions: {
    stateMachineArn: OPTIONAL_STRING,
    statusFilter: OPTIONAL_STRING,
    maxResults: INTEGER,
    nextToken: OPTIONAL_STRING,
    mapRunArn: OPTIONAL_STRING,
    redriveFilter: OPTIONAL_STRING,
  },
  GetExecutionHistory: {
    executionArn: REQUIRED_STRING,
    maxResults: INTEGER,
    reverseOrder: BOOLEAN,
    nextToken: OPTIONAL_STRING,
    includeExecutionData: BOOLEAN,
  },
  RedriveExecution: { executionArn: REQUIRED_STRING, clientToken: OPTIONAL_STRING },
  StopExecution: { executionArn: REQUIRED_STRING, error: OPTIONAL_STRING, cause: OPTIONAL_STRING },
  SendTaskSuccess: { taskToken: REQUIRED_STRING, output: REQUIRED_STRING },
  SendTaskFailure: { taskToken: REQUIRED_STRING, error: OPTIONAL_STRING, cause: OPTIONAL_STRING },
  SendTaskHeartbeat: { taskToken: REQUIRED_STRING },
};

function matches(value: unknown, type: MemberType): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  return typeof value === 'number' && Number.isInteger(value);
}

const JSON_TYPE_NAMES: Readonly<Record<MemberType, string>> = {
  string: 'STRING_VALUE',
  integer: 'VALUE_NUMBER_INT',
  boolean: 'VALUE_TRUE or VALUE_FALSE',
};

/**
 * Checks an input against its shape as the service's front end does, before the operation
 * sees it: a member of the wrong JSON type is a `SerializationException`; a required member
 * that is absent (or null) is a `ValidationException` ("Value null at '<member>' failed to
 * satisfy constraint: Member must not be null"), all such members named at once. Members the
 * shape does not declare are ignored; a null optional member counts as absent.
 */
export function checkInputShape(input: Record<string, unknown>, shape: InputShape): void {
  const missing: string[] = [];
  for (const [member, { type, required }] of Object.entries(shape)) {
    const value = input[member];
    if (value === undefined || value === null) {
      if (required) missing.push(member);
      continue;
    }
    if (!matches(value, type)) {
      throw new SfnApiError(
        'SerializationException',
        `Expected ${JSON_TYPE_NAMES[type]} for '${member}', got ${Array.isArray(value) ? 'an array' : typeof value}`,
      );
    }
  }
  if (missing.length > 0) {
    const details = missing.map(
      (member) => `Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
    throw new SfnApiError(
      'ValidationException',
      `${missing.length} validation error${missing.length > 1 ? 's' : ''} detected: ${details.join('; ')}`,
    );
  }
}

/** Wraps each operation of a table with its shape's check (operations without one are kept as they are). */
export function withInputShapes(operations: SfnOperations): SfnOperations {
  const checked: Record<string, SfnOperation> = {};
  for (const [name, operation] of Object.entries(operations)) {
    const shape = INPUT_SHAPES[name];
    checked[name] = shape
      ? (input) => {
          checkInputShape(input, shape);
          return operation(input);
        }
      : operation;
  }
  return checked;
}
