import type { ExecutionResult, Json } from '@sfn-callback/asl';
import type { ScopeSelector } from '../execution/test-execution.js';
import {
  type CheckResult,
  checkFailed,
  checkPath,
  checkStatus,
  checkSucceeded,
  checkVisited,
  type Equals,
  type ExpectedFailure,
} from './checks.js';

/** What `expect.extend` gives a matcher as `this` (vitest and jest alike), as far as these matchers use it. */
export interface MatcherContext {
  readonly equals: Equals;
}

/**
 * Matchers for `expect.extend` in vitest and jest: `expect(execution).toHaveSucceeded()`.
 * In vitest, `import '@sfn-callback/testing/vitest'` installs them with their types.
 */
export const stateMachineMatchers = {
  toHaveStatus(
    this: MatcherContext,
    received: unknown,
    status: ExecutionResult['status'] | 'RUNNING',
  ): CheckResult {
    return checkStatus(received, status);
  },
  toHaveSucceeded(this: MatcherContext, received: unknown, ...output: unknown[]): CheckResult {
    return checkSucceeded(received, output[0] as Json, output.length > 0, (a, b) =>
      this.equals(a, b),
    );
  },
  toHaveFailed(this: MatcherContext, received: unknown, expected?: ExpectedFailure): CheckResult {
    return checkFailed(received, expected);
  },
  toHaveTakenPath(
    this: MatcherContext,
    received: unknown,
    expected: readonly string[],
    scope?: ScopeSelector,
  ): CheckResult {
    return checkPath(received, expected, scope);
  },
  toHaveVisited(this: MatcherContext, received: unknown, stateName: string): CheckResult {
    return checkVisited(received, stateName);
  },
};

/** The matchers' signatures, for a runner's `Matchers` / `Assertion` interface. */
export interface StateMachineMatchers<R = unknown> {
  /** The execution's status (`RUNNING` until it ends). */
  toHaveStatus(status: ExecutionResult['status'] | 'RUNNING'): R;
  /** SUCCEEDED, with this output if given (asymmetric matchers welcome). */
  toHaveSucceeded(output?: unknown): R;
  /** FAILED (or `status`), with this error and cause (a string or a RegExp) if given. */
  toHaveFailed(expected?: ExpectedFailure): R;
  /** The states taken, in order: at the top level, or in one Map iteration / Parallel branch. */
  toHaveTakenPath(expected: readonly string[], scope?: ScopeSelector): R;
  /** The state was visited, anywhere. */
  toHaveVisited(stateName: string): R;
}
