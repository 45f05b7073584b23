/**
 * Where a state machine comes from, as the console's `state-machine-origin` call answers:
 * the CDK app `serve` loaded (its definition is the app's: UpdateStateMachine,
 * DeleteStateMachine and PublishStateMachineVersion refuse it), or the Step Functions API
 * (CreateStateMachine), where it can be changed.
 */
export interface StateMachineOrigin {
  readonly fromApp: boolean;
  /** The app's stack, when it comes from the app. */
  readonly stackName?: string;
}
