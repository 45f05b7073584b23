/** Account id used in every local ARN and queue URL. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Region used when the stack is environment-agnostic. */
export const DEFAULT_REGION = 'us-east-1';

/** The ARN of a state machine named `name` in `region` and `account`. */
export function stateMachineArn(region: string, account: string, name: string): string {
  return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
}

/** The ARN of the execution named `name` of a state machine, as StartExecution gives it. */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
