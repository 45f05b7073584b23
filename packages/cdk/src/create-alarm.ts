/** Builds one alarm from its default, the user's overrides and the alarm topic. */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { AlarmDefault } from './alarm-defaults.js';
import type { AlarmOption } from './alarm-options.js';

/** Where an alarm's state changes go. */
export interface AlarmActions {
  readonly topic?: sns.ITopic;
  readonly okActions: boolean;
}

/**
 * The alarm `id` in `scope`, on `metric` (a metric or a math expression, its statistic
 * and period taken from the default or the override), or `undefined` when the option is
 * `false` or no threshold is known (a derived threshold whose basis is unknown).
 */
export function createAlarm(
  scope: Construct,
  id: string,
  defaults: AlarmDefault,
  option: AlarmOption | undefined,
  metric: (period: cloudwatch.MetricOptions['period']) => cloudwatch.IMetric,
  derivedThreshold: number | undefined,
  description: string,
  alarmActions: AlarmActions,
): cloudwatch.Alarm | undefined {
  if (option === false) return undefined;
  const overrides = option ?? {};
  const threshold = overrides.threshold ?? defaults.threshold ?? derivedThreshold;
  if (threshold === undefined) return undefined;
  const evaluationPeriods = overrides.evaluationPeriods ?? defaults.evaluationPeriods;
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: metric(overrides.period ?? defaults.period),
    threshold,
    evaluationPeriods,
    datapointsToAlarm:
      overrides.datapointsToAlarm ??
      (overrides.evaluationPeriods !== undefined ? evaluationPeriods : defaults.datapointsToAlarm),
    comparisonOperator: overrides.comparisonOperator ?? defaults.comparisonOperator,
    treatMissingData: overrides.treatMissingData ?? defaults.treatMissingData,
    alarmDescription: overrides.alarmDescription ?? `${description} ${defaults.why}`,
    ...(overrides.alarmName !== undefined ? { alarmName: overrides.alarmName } : {}),
  });
  if (alarmActions.topic) {
    const action = new actions.SnsAction(alarmActions.topic);
    alarm.addAlarmAction(action);
    if (alarmActions.okActions) alarm.addOkAction(action);
  }
  return alarm;
}

/** A plain metric of a default, with the given dimensions. */
export function defaultMetric(
  defaults: AlarmDefault,
  dimensionsMap: Record<string, string>,
  period: cloudwatch.MetricOptions['period'],
  namespace = defaults.namespace,
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName: defaults.metricName,
    dimensionsMap,
    statistic: defaults.statistic,
    ...(period !== undefined ? { period } : {}),
  });
}
