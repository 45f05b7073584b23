import {
  type TaskHandler,
  type TestStateRequest,
  TestStateRequestError,
  testState,
} from '@sfn-callback/asl';
import { SfnApiError, validationError } from './api-error.js';
import { checkInputShape, type InputShape } from './input-shape.js';
import { isTooDeep, MAX_JSON_DEPTH } from './json-depth.js';
import type { SfnOperations } from './operation.js';

const STRING = { type: 'string' } as const;

/** TestState's scalar input members (Step Functions API reference); `mock` and `stateConfiguration` are structures. */
export const TEST_STATE_INPUT_SHAPE: InputShape = {
  definition: { type: 'string', required: true },
  roleArn: STRING,
  input: STRING,
  inspectionLevel: STRING,
  revealSecrets: { type: 'boolean' },
  stateName: STRING,
  context: STRING,
  variables: STRING,
};

const INSPECTION_LEVELS = ['INFO', 'DEBUG', 'TRACE'];
const FIELD_VALIDATION_MODES = ['STRICT', 'PRESENT', 'NONE'];
const MAX_DEFINITION_LENGTH = 1_048_576;
const MAX_INPUT_LENGTH = 262_144;

/** A structure member: absent, or a JSON object (else the front end's SerializationException). */
function structure(
  input: Record<string, unknown>,
  member: string,
): Record<string, unknown> | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new SfnApiError(
      'SerializationException',
      `Expected a structure for '${member}', got ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

function enumMember(value: unknown, member: string, values: string[]): void {
  if (value !== undefined && value !== null && !values.includes(value as string)) {
    throw validationError(
      member,
      `Member must satisfy enum value set: [${values.join(', ')}]`,
      value,
    );
  }
}

/**
 * The checks of the service's front end on a TestState request, before the engine sees
 * it: member types (`SerializationException`), the required `definition`, lengths, and
 * the `inspectionLevel` and `mock.fieldValidationMode` enums (`ValidationException`, in
 * AWS's "1 validation error detected" wording). The engine's `testState` checks the rest
 * (mock only on Task / Map / Parallel, `context` only with a mock, `variables` a JSON
 * object, …) and answers with AWS's wording.
 *
 * @throws SfnApiError
 */
export function checkTestStateRequest(input: Record<string, unknown>): TestStateRequest {
  checkInputShape(input, TEST_STATE_INPUT_SHAPE);
  const mock = structure(input, 'mock');
  const stateConfiguration = structure(input, 'stateConfiguration');
  const definition = input.definition as string;
  if (definition.length < 1 || definition.length > MAX_DEFINITION_LENGTH) {
    throw validationError(
      'definition',
      `Member must have length ${definition.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_DEFINITION_LENGTH}`}`,
    );
  }
  if (typeof input.input === 'string' && input.input.length > MAX_INPUT_LENGTH) {
    throw validationError(
      'input',
      `Member must have length less than or equal to ${MAX_INPUT_LENGTH}`,
    );
  }
  enumMember(input.inspectionLevel, 'inspectionLevel', INSPECTION_LEVELS);
  for (const [member, text] of [
    ['definition', definition],
    ['input', input.input],
    ['variables', input.variables],
    ['context', input.context],
    ['mock.result', mock?.result],
  ] as const) {
    if (typeof text === 'string' && isTooDeep(text)) {
      throw new SfnApiError(
        'ValidationException',
        `Invalid ${member}: the value nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
      );
    }
  }
  if (mock) {
    enumMember(mock.fieldValidationMode, 'mock.fieldValidationMode', FIELD_VALIDATION_MODES);
    if (mock.result !== undefined && mock.result !== null && typeof mock.result !== 'string') {
      throw new SfnApiError('SerializationException', "Expected STRING_VALUE for 'mock.result'");
    }
    const errorOutput = structure(mock, 'errorOutput');
    for (const member of ['error', 'cause'] as const) {
      const value = errorOutput?.[member];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        throw new SfnApiError(
          'SerializationException',
          `Expected STRING_VALUE for 'mock.errorOutput.${member}'`,
        );
      }
    }
  }
  const defined = Object.fromEntries(
    Object.entries({
      definition,
      roleArn: input.roleArn,
      input: input.input,
      inspectionLevel: input.inspectionLevel,
      revealSecrets: input.revealSecrets,
      stateName: input.stateName,
      context: input.context,
      variables: input.variables,
      mock,
      stateConfiguration,
    }).filter(([, value]) => value !== undefined && value !== null),
  );
  return defined as unknown as TestStateRequest;
}

/**
 * TestState over HTTP: the front end's checks ({@link checkTestStateRequest}), then the
 * engine's `testState`, whatever the request's Host (the SDKs and the AWS CLI send
 * TestState to `sync-<host>`: the README says how each tool reaches a local endpoint), whose Task states without a mock run against the same emulated
 * services as executions (`tasks`). The engine's refusals keep their AWS code and
 * wording (`ValidationException`, `InvalidDefinition`).
 */
export function testStateOperation(options: {
  readonly tasks?: TaskHandler;
  readonly region?: string;
  readonly accountId?: string;
}): SfnOperations {
  return {
    TestState: async (input) => {
      const request = checkTestStateRequest(input);
      try {
        return await testState(request, {
          ...(options.tasks ? { tasks: options.tasks } : {}),
          ...(options.region !== undefined ? { region: options.region } : {}),
          ...(options.accountId !== undefined ? { accountId: options.accountId } : {}),
        });
      } catch (error) {
        if (error instanceof TestStateRequestError)
          throw new SfnApiError(error.code, error.message);
        throw error;
      }
    },
  };
}
