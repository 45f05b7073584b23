import {
  type Json,
  type MockFieldValidationMode,
  type TaskResource,
  TestStateRequestError,
  testState,
} from '@sfn-callback/asl';
import { StateMachineTestError } from '../errors.js';

// By the result's identity first: a `{ result }` mock hands the same object every time.
// `null`: checked and found right, so the next invocation goes on without waiting.
type Checked = Map<TaskResource, Promise<void> | null>;
const checkedObjects = {
  STRICT: new WeakMap<object, Checked>(),
  PRESENT: new WeakMap<object, Checked>(),
};
const checkedTexts = new Map<string, Promise<void>>();

/**
 * Checks a mocked result against its API's response shape with the engine's own TestState
 * check (`mock.fieldValidationMode`: STRICT or PRESENT); NONE checks nothing. The same
 * resource and result are checked once per process.
 *
 * @returns undefined when there is nothing (more) to check, else the check, which rejects
 *   with a StateMachineTestError `INVALID_MOCK` with TestState's message.
 */
export function checkMockResult(
  stateName: string,
  resource: TaskResource,
  result: Json,
  mode: MockFieldValidationMode,
): Promise<void> | undefined {
  if (mode === 'NONE' || resource.pattern !== 'request-response') return undefined;
  // TestState checks the fields of an object result only.
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  let byObject = checkedObjects[mode].get(result);
  const known = byObject?.get(resource);
  if (known !== undefined) return known ?? undefined;
  if (!byObject) {
    byObject = new Map();
    checkedObjects[mode].set(result, byObject);
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
  const checked = byObject;
  checked.set(resource, check);
  check.then(
    () => checked.set(resource, null),
    () => undefined,
  );
  return check;
}
