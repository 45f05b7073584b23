import { ExecutionNotRedrivableError } from '@sfn-callback/asl';
import type { StateMachineSpec } from '../assembly/app-model.js';
import { isExpressExecutionArn } from '../model/arns.js';
import type { ExecutionDescription } from '../model/execution.js';
import { SfnApiError, validationError } from './api-error.js';
import { EXECUTION_ARN, epochSeconds, requireArn } from './execution-operations.js';
import { withInputShapes } from './input-shape.js';
import type { SfnOperations } from './operation.js';
import { isMapRunChild } from './redrive-fields.js';

/** What RedriveExecution needs from whoever runs the executions (the runner). */
export interface RedriveHost {
  /** An execution the host still knows. */
  describeExecution(executionArn: string): ExecutionDescription | undefined;
  /** A state machine of the app or created through the API, by ARN. */
  findStateMachine(arn: string): StateMachineSpec | undefined;
  /**
   * Continues an ended execution from where it failed (same ARN, its history continued
   * after `ExecutionRedriven`).
   * @throws ExecutionNotRedrivableError (the engine's) when AWS would refuse.
   */
  redriveExecution(executionArn: string): ExecutionDescription;
}

/**
 * RedriveExecution over a {@link RedriveHost}: continues a Standard execution that ended
 * FAILED, TIMED_OUT or ABORTED within the last 14 days, and answers its `redriveDate`.
 * Errors as AWS: `ExecutionDoesNotExist`, `ExecutionNotRedrivable` (with the engine's
 * AWS-worded reason: "Execution is SUCCEEDED and cannot be redriven", …; an Express
 * execution; one whose state machine was deleted), `InvalidArn`, `ValidationException`.
 * The same `clientToken` sent again for the execution's last redrive answers that redrive
 * again instead of starting another (the SDKs send one, generated, on every call).
 */
export function redriveOperation(host: RedriveHost): SfnOperations {
  const lastToken = new Map<string, string>();
  return withInputShapes({
    RedriveExecution: (input) => {
      const arn = requireArn(input, 'executionArn', EXECUTION_ARN);
      const clientToken = input.clientToken as string | undefined;
      if (clientToken !== undefined && (clientToken.length < 1 || clientToken.length > 64)) {
        throw validationError(
          'clientToken',
          `Member must have length ${clientToken.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 64'}`,
          clientToken,
        );
      }
      if (isExpressExecutionArn(arn)) {
        throw new SfnApiError(
          'ExecutionNotRedrivable',
          `'${arn}' is an Express execution: only STANDARD executions can be redriven`,
        );
      }
      const execution = host.describeExecution(arn);
      if (!execution) {
        throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
      }
      if (
        clientToken !== undefined &&
        lastToken.get(arn) === clientToken &&
        execution.redriveDate !== undefined
      ) {
        return { redriveDate: epochSeconds(execution.redriveDate) };
      }
      if (isMapRunChild(execution.stateMachineArn)) {
        throw new SfnApiError(
          'ExecutionNotRedrivable',
          'Execution is a child execution of a Map Run: redrive its parent execution, which redrives the Map Run',
        );
      }
      const stateMachine = host.findStateMachine(execution.stateMachineArn);
      if (!stateMachine) {
        throw new SfnApiError(
          'ExecutionNotRedrivable',
          `Execution's state machine '${execution.stateMachineArn}' was deleted: its executions cannot be redriven`,
        );
      }
      if (stateMachine.type === 'EXPRESS') {
        throw new SfnApiError(
          'ExecutionNotRedrivable',
          'Execution is of an EXPRESS state machine: only STANDARD executions can be redriven',
        );
      }
      let redriven: ExecutionDescription;
      try {
        redriven = host.redriveExecution(arn);
      } catch (error) {
        if (error instanceof ExecutionNotRedrivableError) {
          throw new SfnApiError('ExecutionNotRedrivable', error.message);
        }
        throw error;
      }
      if (clientToken !== undefined) lastToken.set(arn, clientToken);
      return { redriveDate: epochSeconds(redriven.redriveDate ?? new Date()) };
    },
  });
}
