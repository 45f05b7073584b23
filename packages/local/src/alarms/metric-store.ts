import type { AlarmMetric } from '../assembly/app-model.js';

/** Values of one metric at one moment, as CloudWatch receives them (PutMetricData, EMF). */
export interface MetricDatum extends AlarmMetric {
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  /** One value, or several (an EMF array: each counts as a sample). */
  readonly values: readonly number[];
  readonly unit?: string;
}

/** Options of {@link MetricStore}. */
export interface MetricStoreOptions {
  /**
   * Datapoints older than this are dropped (so a long `serve` stays flat in memory).
   * @default 24 hours, CloudWatch's longest alarm evaluation range
   */
  readonly retentionMs?: number;
  /**
   * Most datapoints kept per metric; the oldest go first.
   * @default 100,000
   */
  readonly maxPointsPerMetric?: number;
}

interface Point {
  readonly timestamp: number;
  readonly value: number;
}

/**
 * The metrics of a local run, kept as CloudWatch identifies them: namespace, name and the
 * exact set of dimensions (an alarm on `{Service}` does not see a metric published with
 * `{Service, Stage}`, as on AWS). Answers the values of one metric in a time range.
 */
export class MetricStore {
  readonly #series = new Map<string, { metric: AlarmMetric; points: Point[] }>();
  readonly #retentionMs: number;
  readonly #maxPoints: number;

  constructor(options: MetricStoreOptions = {}) {
    this.#retentionMs = options.retentionMs ?? 24 * 60 * 60 * 1000;
    this.#maxPoints = options.maxPointsPerMetric ?? 100_000;
  }

  /** Records a datum (values that are not finite numbers are ignored). */
  record(datum: MetricDatum): void {
    const key = metricKey(datum);
    let series = this.#series.get(key);
    if (!series) {
      series = {
        metric: {
          namespace: datum.namespace,
          metricName: datum.metricName,
          dimensions: { ...datum.dimensions },
        },
        points: [],
      };
      this.#series.set(key, series);
    }
    for (const value of datum.values) {
      if (Number.isFinite(value)) series.points.push({ timestamp: datum.timestamp, value });
    }
    const oldest = datum.timestamp - this.#retentionMs;
    let drop = 0;
    while (drop < series.points.length && (series.points[drop] as Point).timestamp < oldest) drop++;
    drop = Math.max(drop, series.points.length - this.#maxPoints);
    if (drop > 0) series.points.splice(0, drop);
  }

  /** Values of `metric` with a timestamp in `(from, to]` (milliseconds). */
  values(metric: AlarmMetric, from: number, to: number): number[] {
    const series = this.#series.get(metricKey(metric));
    if (!series) return [];
    const values: number[] = [];
    for (const point of series.points) {
      if (point.timestamp > from && point.timestamp <= to) values.push(point.value);
    }
    return values;
  }

  /** Every metric recorded so far. */
  metrics(): AlarmMetric[] {
    return [...this.#series.values()].map((series) => series.metric);
  }
}

/** The identity of a metric: namespace, name, and its dimensions sorted by name. */
export function metricKey(metric: AlarmMetric): string {
  const dimensions = Object.entries(metric.dimensions).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([metric.namespace, metric.metricName, dimensions]);
}
