import {
  type Json,
  type MockFieldValidationMode,
  type TaskResource,
  TestStateRequestError,
  testState,
} from '@sfn-callback/asl';
import { StateMachineTestError } from '../errors.js';

const checked = new Map<string, Promise<void>>();

/**
 * Checks a mocked result against its API's response shape with the engine's own TestState
 * check (`mock.fieldValidationMode`: STRICT or PRESENT); NONE checks nothing. The same
 * resource and result are checked once per process.
 *
 * @throws StateMachineTestError `INVALID_MOCK` with TestState's message.
 */
export function checkMockResult(
  stateName: string,
  resource: TaskResource,
  result: Json,
  mode: MockFieldValidationMode,
): Promise<void> {
  if (mode === 'NONE' || resource.pattern !== 'request-response') return Promise.resolve();
  const text = JSON.stringify(result);
  const key = `${mode}\u0000${resource.arn}\u0000${text}`;
  let check = checked.get(key);
  if (!check) {
    check = testState({
      definition: { Type: 'Task', Resource: resource.arn, End: true },
      mock: { result: text, fieldValidationMode: mode },
    }).then(
      () => undefined,
      (error: unknown) => {
        if (!(error instanceof TestStateRequestError)) throw error;
        throw new StateMachineTestError(
          'INVALID_MOCK',
          `the mocked result of state "${stateName}" is not what ${resource.resourceType}:${resource.action} answers (${mode}): ${error.message}`,
        );
      },
    );
    if (checked.size < 10_000) checked.set(key, check);
  }
  return check;
}
