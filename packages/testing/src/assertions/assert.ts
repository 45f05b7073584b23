import { AssertionError } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import type { ExecutionResult, Json } from '@sfn-callback/asl';
import type { ScopeSelector, TestExecution } from '../execution/test-execution.js';
import {
  type CheckResult,
  checkFailed,
  checkPath,
  checkStatus,
  checkSucceeded,
  checkVisited,
  type ExpectedFailure,
} from './checks.js';

function assertCheck(
  check: CheckResult,
  operator: string,
  caller: (...args: never[]) => unknown,
): void {
  if (check.pass) return;
  throw new AssertionError({ message: check.message(), operator, stackStartFn: caller });
}

/**
 * Assertions for any runner (node:test, mocha, ...): each throws node's `AssertionError`
 * with the path the execution took when it does not hold.
 */
export const assertExecution = {
  /** The execution's status. */
  status(execution: TestExecution, status: ExecutionResult['status'] | 'RUNNING'): void {
    assertCheck(checkStatus(execution, status), 'status', assertExecution.status);
  },
  /** SUCCEEDED, with this output if given (deep equality). */
  succeeded(execution: TestExecution, ...output: [] | [Json]): void {
    assertCheck(
      checkSucceeded(execution, output[0], output.length > 0, isDeepStrictEqual),
      'succeeded',
      assertExecution.succeeded,
    );
  },
  /** FAILED (or the `status` given), with this error and cause if given. */
  failed(execution: TestExecution, expected?: ExpectedFailure): void {
    assertCheck(checkFailed(execution, expected), 'failed', assertExecution.failed);
  },
  /** The states taken, in order, at the top level or in one Map iteration / Parallel branch. */
  path(execution: TestExecution, expected: readonly string[], scope?: ScopeSelector): void {
    assertCheck(checkPath(execution, expected, scope), 'path', assertExecution.path);
  },
  /** The state was visited (anywhere). */
  visited(execution: TestExecution, stateName: string): void {
    assertCheck(checkVisited(execution, stateName), 'visited', assertExecution.visited);
  },
};
