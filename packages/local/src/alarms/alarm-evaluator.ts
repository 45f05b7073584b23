import type { AlarmMetric, AlarmSpec } from '../assembly/app-model.js';
import { evaluateExpression, parseExpression } from './metric-math.js';
import type { MetricStore } from './metric-store.js';
import { statistic } from './statistic.js';

/** An alarm's state, as CloudWatch names them, and `UNSUPPORTED` for what is not evaluated locally. */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA' | 'UNSUPPORTED';

/** The result of evaluating one alarm. */
export interface AlarmEvaluation {
  readonly logicalId: string;
  readonly name: string;
  readonly state: AlarmState;
  /** Why, in CloudWatch's words where it has them. */
  readonly reason: string;
  /** The statistic of each evaluated period, oldest first; `null` for a period without data. */
  readonly datapoints: readonly (number | null)[];
  readonly threshold: number;
  readonly comparisonOperator: string;
  readonly periodSeconds?: number;
  readonly treatMissingData: string;
  /** Milliseconds since the epoch: the end of the newest period. */
  readonly evaluatedAt: number;
}

const COMPARE: Readonly<Record<string, (value: number, threshold: number) => boolean>> = {
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};

const WORDS: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  GreaterThanThreshold: 'greater than',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/**
 * Evaluates an alarm now, on the datapoints recorded so far, the way CloudWatch does at
 * each period's end, with one difference that keeps local runs fast: **the periods are
 * counted back from `now`** (the newest ends at `now`, the one before `period` seconds
 * earlier, …), so the current partial period counts as complete and a run of a few seconds
 * is one period. CloudWatch aligns periods to the clock; a datapoint near a period boundary
 * may land in another period there.
 *
 * Per period the alarm's statistic (or its metric-math expression) gives a value or none;
 * a value breaches when the comparison with the threshold holds. Of the last
 * `EvaluationPeriods` periods, `DatapointsToAlarm` breaching ones set ALARM. Periods
 * without data count per `TreatMissingData`: `notBreaching` as good, `breaching` as
 * breaching, `missing` are left out (all missing: INSUFFICIENT_DATA), `ignore` too (all
 * missing: the previous state stays).
 */
export function evaluateAlarm(
  spec: AlarmSpec,
  store: MetricStore,
  now: number,
  previous: AlarmState = 'INSUFFICIENT_DATA',
): AlarmEvaluation {
  const base = {
    logicalId: spec.logicalId,
    name: spec.name,
    threshold: spec.threshold,
    comparisonOperator: spec.comparisonOperator,
    treatMissingData: spec.treatMissingData,
    evaluatedAt: now,
  };
  if (spec.unsupported !== undefined) {
    return {
      ...base,
      state: 'UNSUPPORTED',
      reason: `not evaluated locally: ${spec.unsupported}`,
      datapoints: [],
    };
  }
  let periodSeconds: number;
  let valueIn: (from: number, to: number) => number | undefined;
  try {
    ({ periodSeconds, valueIn } = seriesOf(spec, store));
  } catch (error) {
    return {
      ...base,
      state: 'UNSUPPORTED',
      reason: `not evaluated locally: ${(error as Error).message}`,
      datapoints: [],
    };
  }
  const periodMs = periodSeconds * 1000;
  const datapoints: (number | null)[] = [];
  for (let k = spec.evaluationPeriods - 1; k >= 0; k--) {
    const to = now - k * periodMs;
    datapoints.push(valueIn(to - periodMs, to) ?? null);
  }
  const compare = COMPARE[spec.comparisonOperator] as (v: number, t: number) => boolean;
  const present = datapoints.filter((value): value is number => value !== null);
  const missing = datapoints.length - present.length;
  const breaching = present.filter((value) => compare(value, spec.threshold)).length;
  const result = (state: AlarmState, reason: string): AlarmEvaluation => ({
    ...base,
    state,
    reason,
    datapoints,
    periodSeconds,
  });

  let counted = breaching;
  switch (spec.treatMissingData) {
    case 'breaching':
      counted = breaching + missing;
      break;
    case 'notBreaching':
      break;
    case 'ignore':
      if (present.length === 0) {
        return result(previous, 'no datapoints in the evaluation range (ignore): state kept');
      }
      break;
    default: // missing
      if (present.length === 0) {
        return result('INSUFFICIENT_DATA', 'no datapoints in the evaluation range (missing)');
      }
  }
  const shown = `[${present.map((v) => formatNumber(v)).join(', ')}]`;
  const words = WORDS[spec.comparisonOperator];
  const threshold = formatNumber(spec.threshold);
  if (counted >= spec.datapointsToAlarm) {
    return result(
      'ALARM',
      `Threshold Crossed: ${counted} out of the last ${spec.evaluationPeriods} datapoints ${shown} ${counted === 1 ? 'was' : 'were'} ${words} the threshold (${threshold})` +
        (counted > breaching ? ` (${counted - breaching} missing, treated as breaching)` : ''),
    );
  }
  return result(
    'OK',
    present.length === 0
      ? `no datapoints in the last ${spec.evaluationPeriods} periods (notBreaching)`
      : `${breaching} of the last ${spec.evaluationPeriods} datapoints ${shown} ${words} the threshold (${threshold}); ${spec.datapointsToAlarm} needed`,
  );
}

/** The alarm's period and its value per period, from its metric or its metric math. */
function seriesOf(
  spec: AlarmSpec,
  store: MetricStore,
): { periodSeconds: number; valueIn: (from: number, to: number) => number | undefined } {
  const stat = (metric: AlarmMetric, name: string) => (from: number, to: number) =>
    statistic(name, store.values(metric, from, to));
  if (spec.metric) {
    statistic(spec.metric.statistic, [0]); // throws for one not evaluated locally
    return {
      periodSeconds: spec.metric.periodSeconds,
      valueIn: stat(spec.metric, spec.metric.statistic),
    };
  }
  const queries = spec.metrics ?? [];
  const byId = new Map<string, (from: number, to: number) => number | undefined>();
  let periodSeconds: number | undefined;
  for (const query of queries) {
    if (query.metricStat) {
      statistic(query.metricStat.stat, [0]);
      byId.set(query.id, stat(query.metricStat.metric, query.metricStat.stat));
      periodSeconds ??= query.metricStat.periodSeconds;
    }
  }
  for (const query of queries) {
    if (query.expression === undefined) continue;
    const expression = parseExpression(query.expression);
    byId.set(query.id, (from, to) =>
      evaluateExpression(expression, (id) => byId.get(id)?.(from, to)),
    );
  }
  const returned = queries.find((query) => query.returnData);
  const series = returned ? byId.get(returned.id) : undefined;
  if (!returned || !series) throw new Error('no query returns data');
  return {
    periodSeconds: returned.periodSeconds ?? periodSeconds ?? 60,
    valueIn: series,
  };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toFixed(3)));
}
