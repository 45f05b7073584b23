/// <reference types="jest" />
// Type-checked by the package's `typecheck` (never run): the README's declaration gives
// jest's `expect` the state machine matchers' types.
import type { StateMachineMatchers } from '@sfn-callback/testing';

declare global {
  namespace jest {
    interface Matchers<R> extends StateMachineMatchers<R> {}
  }
}

export function assertApproved(execution: import('@sfn-callback/testing').TestExecution): void {
  expect(execution).toHaveSucceeded({ approvedBy: 'ana' });
  expect(execution).toHaveTakenPath(['Wait For Approval', 'Approved']);
  expect(execution).not.toHaveVisited('Refused');
  // @ts-expect-error: a path is a list of state names
  expect(execution).toHaveTakenPath('Approved');
}
