import type { JsonObject } from '../json.js';
import type { Frame } from './frame.js';

/**
 * The context object (`$$`, `$states.context`) of a state, as AWS fills it: the
 * execution, the state machine, the state (name, entered time, retry count), the task
 * token of a `.waitForTaskToken` task, and the item of a Map iteration.
 */
export function contextObject(
  frame: Frame,
  stateName: string,
  enteredTime: string,
  retryCount: number,
  taskToken?: string,
  retryable = false,
): JsonObject {
  const { identity, input, startTime } = frame.run;
  const context: JsonObject = {
    Execution: {
      Id: identity.executionArn,
      Input: input,
      StartTime: startTime,
      Name: identity.executionName,
      RoleArn: identity.roleArn,
      RedriveCount: identity.redriveCount ?? 0,
    },
    StateMachine: { Id: identity.stateMachineArn, Name: identity.stateMachineName },
    // Recorded: RetryCount is there for the states that can be retried (Task, Map, Parallel).
    State: {
      Name: stateName,
      EnteredTime: enteredTime,
      ...(retryable ? { RetryCount: retryCount } : {}),
    },
  };
  if (taskToken !== undefined) context.Task = { Token: taskToken };
  if (frame.mapItem)
    context.Map = { Item: { Index: frame.mapItem.Index, Value: frame.mapItem.Value } };
  return frame.run.contextOverride ? frame.run.contextOverride(context) : context;
}
