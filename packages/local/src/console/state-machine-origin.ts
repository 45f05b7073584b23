import type { StateMachineOrigin } from '../model/state-machine-origin.js';
import type { ConsoleSource } from './console-source.js';

/**
 * `state-machine-origin?stateMachineArn=`: whether the state machine is one of the app's
 * (its definition comes from the cloud assembly and the API refuses to change it) or one
 * created through the API. An unknown ARN is not the app's: the page then learns from the
 * API's own answer that it does not exist.
 */
export function stateMachineOrigin(source: ConsoleSource, arn: string): StateMachineOrigin {
  const fromApp = source.model.stateMachines.some((machine) => machine.arn === arn);
  return fromApp ? { fromApp, stackName: source.model.stackName } : { fromApp };
}
