import { alarmToJson } from '../alarms/format-alarms.js';
import type { LocalAlarms } from '../alarms/runner-adapter.js';
import type { SfnOperations } from './operation.js';

/**
 * Console-only operations (not in the Step Functions API; the `Local` prefix says so):
 * `LocalDescribeAlarms` answers every alarm of the template evaluated now on the run's
 * metrics, `{ alarms: [{ logicalId, name, state, reason, datapoints, … }] }`.
 */
export function alarmOperations(alarms: LocalAlarms): SfnOperations {
  return {
    LocalDescribeAlarms: () => ({ alarms: alarms.evaluate().map(alarmToJson) }),
  };
}
