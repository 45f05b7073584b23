import { REDRIVE_WINDOW_MS } from '@sfn-callback/asl';
import type { StateMachineSpec } from '../assembly/app-model.js';
import type { ExecutionDescription } from '../model/execution.js';

const epochSeconds = (date: Date): number => date.getTime() / 1000;

/** The engine's cause for an execution failed at the history limit begins so. */
const HISTORY_LIMIT_CAUSE_START = 'The execution reached the maximum number of history events';

/**
 * DescribeExecution's `redriveCount`, `redriveDate`, `redriveStatus` and (when it is
 * NOT_REDRIVABLE) `redriveStatusReason`, in AWS's words. Express executions have none.
 */
export function redriveFields(
  execution: ExecutionDescription,
  stateMachine: StateMachineSpec | undefined,
  now = Date.now(),
): Record<string, unknown> {
  if (stateMachine?.type === 'EXPRESS') return {};
  if (isMapRunChild(execution.stateMachineArn)) {
    // A child of a Distributed Map is redriven through its parent: only its count is its own.
    return {
      redriveCount: execution.redriveCount ?? 0,
      ...(execution.redriveDate ? { redriveDate: epochSeconds(execution.redriveDate) } : {}),
    };
  }
  const reason = notRedrivableReason(execution, stateMachine, now);
  return {
    redriveCount: execution.redriveCount ?? 0,
    ...(execution.redriveDate ? { redriveDate: epochSeconds(execution.redriveDate) } : {}),
    redriveStatus: reason === undefined ? 'REDRIVABLE' : 'NOT_REDRIVABLE',
    ...(reason !== undefined ? { redriveStatusReason: reason } : {}),
  };
}

function notRedrivableReason(
  execution: ExecutionDescription,
  stateMachine: StateMachineSpec | undefined,
  now: number,
): string | undefined {
  if (!stateMachine) return 'State machine is in DELETING status';
  if (execution.status === 'RUNNING' || execution.status === 'SUCCEEDED') {
    return `Execution is ${execution.status} and cannot be redriven`;
  }
  if (
    execution.error === 'States.Runtime' &&
    execution.cause?.startsWith(HISTORY_LIMIT_CAUSE_START)
  ) {
    return 'Execution history event limit exceeded';
  }
  if (execution.stopDate && now - execution.stopDate.getTime() > REDRIVE_WINDOW_MS) {
    return 'Execution redrivable period exceeded';
  }
  return undefined;
}

/** A child execution of a Map Run runs the state machine `<parent>/<label>`. */
export function isMapRunChild(stateMachineArn: string): boolean {
  return stateMachineArn.slice(stateMachineArn.indexOf(':stateMachine:')).includes('/');
}
