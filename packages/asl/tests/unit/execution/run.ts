import {
  type ExecutionOptions,
  type Json,
  StateMachine,
  type TaskHandler,
  VirtualClock,
} from '../../../src/index.js';

export const identity = {
  executionArn: 'arn:aws:states:us-east-1:111111111111:execution:m:e',
  executionName: 'e',
  stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:m',
  stateMachineName: 'm',
  roleArn: 'arn:aws:iam::111111111111:role/r',
};

/** Starts `definition` on a virtual clock at 0; `tasks` answers every Task. */
export function start(
  definition: object,
  input: Json = {},
  tasks: TaskHandler = async () => ({}),
  options: Partial<ExecutionOptions> = {},
) {
  const clock = new VirtualClock(0);
  const execution = StateMachine.fromDefinition(definition).start({
    identity,
    input,
    tasks,
    clock,
    ...options,
  });
  return { execution, clock };
}

/** `type` of each event, with the state name for state events. */
export function shape(
  events: readonly { type: string; stateEnteredEventDetails?: { name?: string } }[],
) {
  return events.map((e) =>
    e.stateEnteredEventDetails?.name ? `${e.type}:${e.stateEnteredEventDetails.name}` : e.type,
  );
}
