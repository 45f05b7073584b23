import type { AlarmMetric, AlarmMetricQuery, AlarmSpec } from './app-model.js';

/** A template resource, as {@link readAlarms} reads it. */
interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

/** The comparison operators evaluated locally (anomaly-detection bands are not). */
const COMPARISONS = new Set([
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
]);

/**
 * Reads the template's `AWS::CloudWatch::Alarm`s: metric (or metric-math queries),
 * statistic, period, threshold, comparison, evaluation periods, datapoints to alarm and
 * `treatMissingData` (CloudWatch's default `missing` when absent), with intrinsics
 * resolved by `resolve` to the same local names the runner gives the queues, functions and
 * state machines, so the alarms' dimensions match the metrics the run produces.
 *
 * An alarm that cannot be evaluated locally (anomaly detection, a value that does not
 * resolve) is kept with `unsupported` saying why, never dropped silently.
 */
export function readAlarms(
  resources: Readonly<Record<string, TemplateResource>>,
  resolve: (value: unknown) => unknown,
  physicalName: (logicalId: string) => string,
): AlarmSpec[] {
  const alarms: AlarmSpec[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::CloudWatch::Alarm') continue;
    let props: Record<string, unknown>;
    try {
      props = resolve(resource.Properties ?? {}) as Record<string, unknown>;
    } catch (error) {
      alarms.push(unsupportedAlarm(logicalId, physicalName(logicalId), (error as Error).message));
      continue;
    }
    alarms.push(toAlarmSpec(logicalId, props, physicalName(logicalId)));
  }
  return alarms;
}

function toAlarmSpec(
  logicalId: string,
  props: Record<string, unknown>,
  defaultName: string,
): AlarmSpec {
  const evaluationPeriods = Number(props.EvaluationPeriods ?? 1);
  const comparisonOperator = String(props.ComparisonOperator ?? '');
  const reasons: string[] = [];
  if (!COMPARISONS.has(comparisonOperator)) {
    reasons.push(`comparison operator ${comparisonOperator || '(none)'}`);
  }
  if (props.ThresholdMetricId !== undefined) reasons.push('anomaly detection (ThresholdMetricId)');
  const spec: {
    -readonly [K in keyof AlarmSpec]: AlarmSpec[K];
  } = {
    logicalId,
    name: typeof props.AlarmName === 'string' ? props.AlarmName : defaultName,
    threshold: Number(props.Threshold ?? 0),
    comparisonOperator,
    evaluationPeriods,
    datapointsToAlarm: Number(props.DatapointsToAlarm ?? evaluationPeriods),
    treatMissingData: String(props.TreatMissingData ?? 'missing'),
    alarmActions: strings(props.AlarmActions),
    okActions: strings(props.OKActions),
  };
  if (typeof props.AlarmDescription === 'string') spec.description = props.AlarmDescription;
  if (Array.isArray(props.Metrics)) {
    spec.metrics = (props.Metrics as Record<string, unknown>[]).map(toQuery);
    if (spec.metrics.filter((q) => q.returnData).length !== 1) {
      reasons.push('metric math without exactly one query returning data');
    }
  } else if (typeof props.MetricName === 'string') {
    const statistic = props.ExtendedStatistic ?? props.Statistic;
    spec.metric = {
      ...toMetric(props),
      statistic: String(statistic ?? 'Average'),
      periodSeconds: Number(props.Period ?? 60),
    };
  } else {
    reasons.push('no metric');
  }
  if (reasons.length > 0) spec.unsupported = reasons.join('; ');
  return spec;
}

function toMetric(props: Record<string, unknown>): AlarmMetric {
  const dimensions: Record<string, string> = {};
  for (const dimension of (props.Dimensions as { Name: unknown; Value: unknown }[]) ?? []) {
    dimensions[String(dimension.Name)] = String(dimension.Value);
  }
  return {
    namespace: String(props.Namespace ?? ''),
    metricName: String(props.MetricName ?? ''),
    dimensions,
  };
}

function toQuery(query: Record<string, unknown>): AlarmMetricQuery {
  const stat = query.MetricStat as
    | { Metric: Record<string, unknown>; Stat: unknown; Period: unknown }
    | undefined;
  return {
    id: String(query.Id),
    returnData: query.ReturnData !== false && query.ReturnData !== 'false',
    ...(typeof query.Expression === 'string' ? { expression: query.Expression } : {}),
    ...(query.Period !== undefined ? { periodSeconds: Number(query.Period) } : {}),
    ...(stat
      ? {
          metricStat: {
            metric: toMetric(stat.Metric),
            stat: String(stat.Stat),
            periodSeconds: Number(stat.Period ?? 60),
          },
        }
      : {}),
  };
}

function unsupportedAlarm(logicalId: string, name: string, why: string): AlarmSpec {
  return {
    logicalId,
    name,
    threshold: 0,
    comparisonOperator: '',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing',
    alarmActions: [],
    okActions: [],
    unsupported: why,
  };
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
