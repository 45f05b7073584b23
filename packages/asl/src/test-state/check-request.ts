import { isJsonObject, type Json, type JsonObject } from '../json.js';
import type { TaskResource } from '../task-handler.js';
import { parseTaskResource } from '../tasks/parse-resource.js';
import { checkContextObject } from './context-object.js';
import { type LocatedState, locateState, nestedStateNames } from './locate-state.js';
import { checkMockSchema } from './mock-schema.js';
import { TestStateRequestError, validationError } from './test-state-error.js';
import type { InspectionLevel, TestStateRequest } from './types.js';

const MOCKABLE = new Set(['Task', 'Map', 'Parallel']);
const LEVELS = new Set(['INFO', 'DEBUG', 'TRACE']);

/** A request that passed TestState's checks, its JSON texts parsed. */
export interface CheckedRequest {
  readonly located: LocatedState;
  readonly input: Json;
  readonly inspectionLevel: InspectionLevel;
  readonly mock?:
    | { readonly kind: 'result'; readonly result: Json }
    | { readonly kind: 'error'; readonly error: string; readonly cause: string };
  readonly context?: JsonObject;
  readonly variables: JsonObject;
  readonly resource?: TaskResource;
  readonly retrierRetryCount: number;
  readonly mapIterationFailureCount: number;
  readonly roleArn?: string;
}

function parseJsonText(text: string, what: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw validationError(`Invalid ${what}: the value is not valid JSON`);
  }
}

/**
 * Checks a TestState request in the order AWS does (as recorded): the mock's form, secrets,
 * the definition, the state, what a mock may replace, what needs one, the context object,
 * the mocked result's shape.
 *
 * @throws TestStateRequestError with AWS's code and wording.
 */
export function checkRequest(request: TestStateRequest): CheckedRequest {
  const mock = request.mock;
  if (mock && mock.result !== undefined && mock.errorOutput !== undefined) {
    throw validationError(
      'A test mock should have only one of the following fields: [result, errorOutput].',
    );
  }
  if (mock && request.revealSecrets) {
    throw validationError('TestState does not support RevealSecrets when a mock is specified.');
  }
  if (request.definition === undefined || request.definition === null) {
    throw validationError('Definition must be specified');
  }
  const located = locateState(request.definition, request.stateName);
  const inspectionLevel = request.inspectionLevel ?? 'INFO';
  if (!LEVELS.has(inspectionLevel)) {
    throw validationError(
      `1 validation error detected: Value '${inspectionLevel}' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]`,
    );
  }
  const type = located.state.Type;
  const resource = type === 'Task' ? parseTaskResource(String(located.state.Resource)) : undefined;
  const config = request.stateConfiguration ?? {};

  if (mock && !MOCKABLE.has(type)) {
    throw validationError(`State type '${type}' is not supported when a mock is specified`);
  }
  if (!mock) {
    if (config.mapIterationFailureCount !== undefined) {
      throw validationError(
        'TestState does not support MapIterationFailureCount when a mock is not specified.',
      );
    }
    if (config.errorCausedByState !== undefined) {
      throw validationError(
        'TestState does not support ErrorCausedByState when a mock is not specified.',
      );
    }
    if (type === 'Map' || type === 'Parallel') {
      throw new TestStateRequestError(
        'InvalidDefinition',
        'TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]',
      );
    }
    if (resource && (resource.activity || resource.pattern !== 'request-response')) {
      throw validationError(
        'TestState does not support Activity tasks or the .sync and .waitForTaskToken service integration patterns when a mock is not specified.',
      );
    }
    if (type === 'Task' && !request.roleArn) {
      throw validationError('RoleArn must be specified when testing a Task state');
    }
    if (request.context !== undefined) {
      throw validationError('TestState does not support Context when a mock is not specified.');
    }
  }

  const input = request.input === undefined ? {} : parseJsonText(request.input, 'input');
  const variables =
    request.variables === undefined ? {} : parseJsonText(request.variables, 'variables');
  if (!isJsonObject(variables)) throw validationError('Variables must be a JSON object');
  const context =
    request.context === undefined
      ? undefined
      : checkContextObject(parseJsonText(request.context, 'context'), type, resource);

  let checkedMock: CheckedRequest['mock'];
  if (mock?.errorOutput !== undefined) {
    if (type !== 'Task' && config.errorCausedByState === undefined) {
      throw validationError(
        `ErrorCausedByState must be specified when mocking an error of a ${type} state.`,
      );
    }
    if (
      config.errorCausedByState !== undefined &&
      type !== 'Task' &&
      !nestedStateNames(located.state as unknown as JsonObject).has(config.errorCausedByState)
    ) {
      throw validationError(
        `ErrorCausedByState '${config.errorCausedByState}' is not a state of the ${type} state.`,
      );
    }
    checkedMock = {
      kind: 'error',
      error: mock.errorOutput.error ?? '',
      cause: mock.errorOutput.cause ?? '',
    };
  } else if (mock) {
    const result = mock.result === undefined ? null : parseJsonText(mock.result, 'mock result');
    if (type === 'Map' || type === 'Parallel') {
      if (!Array.isArray(result)) throw validationError('Mocked result must be an array.');
      const branches = located.state.Branches;
      if (type === 'Parallel' && Array.isArray(branches) && branches.length !== result.length) {
        throw validationError(
          'Mocked result must contain the same number of items as number of Parallel branches.',
        );
      }
    } else {
      checkMockSchema(result, resource, mock.fieldValidationMode ?? 'STRICT');
    }
    checkedMock = { kind: 'result', result };
  }

  return {
    located,
    input,
    inspectionLevel,
    ...(checkedMock ? { mock: checkedMock } : {}),
    ...(context ? { context } : {}),
    variables,
    ...(resource ? { resource } : {}),
    retrierRetryCount: config.retrierRetryCount ?? 0,
    mapIterationFailureCount: config.mapIterationFailureCount ?? 0,
    ...(request.roleArn ? { roleArn: request.roleArn } : {}),
  };
}
