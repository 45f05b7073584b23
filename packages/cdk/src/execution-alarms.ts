/** The alarms on a state machine's executions (AWS/States, per StateMachineArn). */
import type { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ALARM_DEFAULTS } from './alarm-defaults.js';
import type { PatternAlarmOptions } from './alarm-options.js';
import { type AlarmActions, createAlarm, defaultMetric } from './create-alarm.js';

/** The state machine's alarms; each is absent when dropped (`false`). */
export interface ExecutionAlarms {
  /** `ExecutionsFailed`. */
  readonly executionsFailed?: cloudwatch.Alarm;
  /** `ExecutionsTimedOut`. */
  readonly executionsTimedOut?: cloudwatch.Alarm;
  /** `ExecutionThrottled`. */
  readonly executionsThrottled?: cloudwatch.Alarm;
  /** `ExecutionsAborted`. */
  readonly executionsAborted?: cloudwatch.Alarm;
}

const EXECUTION_ALARMS = [
  ['executionsFailed', 'ExecutionsFailed', 'Executions of the callback state machine failed.'],
  [
    'executionsTimedOut',
    'ExecutionsTimedOut',
    'Executions of the callback state machine timed out.',
  ],
  ['executionsThrottled', 'ExecutionsThrottled', 'The callback state machine is being throttled.'],
  [
    'executionsAborted',
    'ExecutionsAborted',
    'Executions of the callback state machine were aborted.',
  ],
] as const;

/** Creates the state machine's alarms under `scope`. */
export function createExecutionAlarms(
  scope: Construct,
  stateMachine: sfn.IStateMachine,
  options: PatternAlarmOptions,
  alarmActions: AlarmActions,
): ExecutionAlarms {
  const alarms: Record<string, cloudwatch.Alarm> = {};
  for (const [key, id, description] of EXECUTION_ALARMS) {
    const defaults = ALARM_DEFAULTS[key];
    const alarm = createAlarm(
      scope,
      id,
      defaults,
      options[key],
      (period: Duration | undefined) =>
        defaultMetric(defaults, { StateMachineArn: stateMachine.stateMachineArn }, period),
      undefined,
      description,
      alarmActions,
    );
    if (alarm) alarms[key] = alarm;
  }
  return alarms;
}
