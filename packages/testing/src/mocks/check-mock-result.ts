import {
  type Json,
  type MockFieldValidationMode,
  type TaskResource,
  TestStateRequestError,
  testState,
} from '@sfn-callback/asl';
import { StateMachineTestError } from '../errors.js';

// By the result's identity first: a `{ result }` mock hands the same object every time.
const checkedObjects = {
  STRICT: new WeakMap<object, Map<TaskResource, Promise<void>>>(),
  PRESENT: new WeakMap<object, Map<TaskResource, Promise<void>>>(),
};
const checkedTexts = new Map<string, Promise<void>>();

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
  let byObject: Map<TaskResource, Promise<void>> | undefined;
  if (typeof result === 'object' && result !== null) {
    byObject = checkedObjects[mode].get(result);
    const known = byObject?.get(resource);
    if (known) return known;
    if (!byObject) {
      byObject = new Map();
      checkedObjects[mode].set(result, byObject);
    }
  }
  const text = JSON.stringify(result);
  const key = `${mode}\u0000${resource.arn}\u0000${text}`;
  let check = checkedTexts.get(key);
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
    if (checkedTexts.size < 10_000) checkedTexts.set(key, check);
  }
  byObject?.set(resource, check);
  return check;
}
