import { inspect, isDeepStrictEqual } from 'node:util';
import type { ExecutionResult, Json } from '@sfn-callback/asl';
import type { ScopeSelector, TestExecution } from '../execution/test-execution.js';

/** A check's outcome, in the shape `expect.extend` matchers return. */
export interface CheckResult {
  readonly pass: boolean;
  readonly message: () => string;
}

/** Deep equality: vitest's and jest's `this.equals` (asymmetric matchers), else Node's. */
export type Equals = (actual: unknown, expected: unknown) => boolean;

const show = (value: unknown): string => inspect(value, { depth: 6, breakLength: 100 });

function result(pass: boolean, message: string): CheckResult {
  return { pass, message: () => message };
}

/** The expected value's shape, so that a wrong argument fails clearly. */
function requireExecution(received: unknown): TestExecution {
  if (
    typeof received !== 'object' ||
    received === null ||
    !('describe' in received) ||
    !('path' in received)
  ) {
    throw new TypeError(
      `expected a TestExecution (from machine.start() or await machine.run()), received ${show(received)}`,
    );
  }
  return received as TestExecution;
}

export function checkStatus(
  received: unknown,
  status: ExecutionResult['status'] | 'RUNNING',
): CheckResult {
  const execution = requireExecution(received);
  const pass = execution.status === status;
  return result(
    pass,
    pass
      ? `expected the execution not to be ${status}\n${execution.describe()}`
      : `expected the execution to be ${status}\n${execution.describe()}`,
  );
}

export function checkSucceeded(
  received: unknown,
  output: Json | undefined,
  hasOutput: boolean,
  equals: Equals,
): CheckResult {
  const execution = requireExecution(received);
  if (execution.status !== 'SUCCEEDED') {
    return result(false, `expected the execution to succeed\n${execution.describe()}`);
  }
  if (!hasOutput)
    return result(true, `expected the execution not to succeed\n${execution.describe()}`);
  const actual = execution.result?.output;
  const pass = equals(actual, output);
  return result(
    pass,
    pass
      ? `expected the execution not to succeed with ${show(output)}`
      : `expected the execution to succeed with\n  ${show(output)}\nit succeeded with\n  ${show(actual)}\n${execution.describe()}`,
  );
}

/** What a failure is expected to be: the error and/or cause (a string, or a RegExp for the cause). */
export interface ExpectedFailure {
  readonly error?: string;
  readonly cause?: string | RegExp;
  /** @default 'FAILED' */
  readonly status?: 'FAILED' | 'TIMED_OUT' | 'ABORTED';
}

export function checkFailed(received: unknown, expected: ExpectedFailure = {}): CheckResult {
  const execution = requireExecution(received);
  const status = expected.status ?? 'FAILED';
  const actual = execution.result;
  const problems: string[] = [];
  if (execution.status !== status) problems.push(`status ${execution.status}, not ${status}`);
  if (expected.error !== undefined && actual?.error !== expected.error) {
    problems.push(`error ${show(actual?.error)}, not ${show(expected.error)}`);
  }
  if (expected.cause !== undefined) {
    const cause = actual?.cause ?? '';
    const matches =
      typeof expected.cause === 'string' ? cause === expected.cause : expected.cause.test(cause);
    if (!matches) problems.push(`cause ${show(cause)}, not ${show(expected.cause)}`);
  }
  const pass = problems.length === 0;
  return result(
    pass,
    pass
      ? `expected the execution not to end ${status}${expected.error ? ` with ${expected.error}` : ''}\n${execution.describe()}`
      : `expected the execution to end ${status}${expected.error ? ` with ${expected.error}` : ''}: ${problems.join('; ')}\n${execution.describe()}`,
  );
}

export function checkPath(
  received: unknown,
  expected: readonly string[],
  scope?: ScopeSelector,
): CheckResult {
  const execution = requireExecution(received);
  const actual = execution.path(scope);
  const pass = isDeepStrictEqual(actual, [...expected]);
  const where = scope === undefined ? '' : ` in ${show(scope)}`;
  if (pass) {
    return result(
      true,
      `expected the execution not to take the path${where} ${expected.join(' → ')}`,
    );
  }
  let step = 0;
  while (step < actual.length && step < expected.length && actual[step] === expected[step]) step++;
  const left =
    step < expected.length && step < actual.length
      ? `it left the expected path at step ${step + 1}: expected "${expected[step]}", took "${actual[step]}"${step > 0 ? ` after "${actual[step - 1]}"` : ''}`
      : step < expected.length
        ? `it stopped after step ${step}${step > 0 ? ` ("${actual[step - 1]}")` : ''}: "${expected[step]}" never came`
        : `it went on after the expected path's end: "${actual[step]}" at step ${step + 1}`;
  return result(
    false,
    `expected path${where}: ${expected.join(' → ') || '(none)'}\nactual path${where}:   ${actual.join(' → ') || '(none)'}\n${left}\n${execution.describe()}`,
  );
}

export function checkVisited(received: unknown, stateName: string): CheckResult {
  const execution = requireExecution(received);
  const pass = execution.visitsOf(stateName).length > 0;
  return result(
    pass,
    `expected the execution ${pass ? 'not ' : ''}to visit "${stateName}"\n${execution.describe()}`,
  );
}
