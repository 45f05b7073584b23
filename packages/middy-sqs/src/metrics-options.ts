import {
  OUTCOME_METRICS_NAMESPACE,
  OUTCOME_METRICS_SERVICE_DIMENSION,
} from '@sfn-callback/task-token';
import { writeToStdout } from './logger.js';
import { emfSink, type MetricsSink, publisherSink } from './metrics-sink.js';

/** Options of the outcome metrics the wrapper writes itself, in Embedded Metric Format. */
export interface EmfMetricsOptions {
  /**
   * CloudWatch namespace of the metrics.
   * @default 'SfnCallback'
   */
  readonly namespace?: string;
  /**
   * Value of the `Service` dimension. The `@sfn-callback/cdk` alarms expect the default.
   * @default the `AWS_LAMBDA_FUNCTION_NAME` environment variable, else `'sfn-callback'`
   */
  readonly service?: string;
  /**
   * More dimensions (name → value), added to `Service` in the one dimension set. Keep
   * high-cardinality values (execution ARNs, message ids) out: they are properties of the
   * document already. At most 29 (EMF allows 30 per set; CloudWatch drops a document with
   * more). Not checked here: the check would cost bundle bytes in every worker.
   * @default none
   */
  readonly dimensions?: Readonly<Record<string, string>>;
  /**
   * Where each document goes (one JSON line, without its trailing newline).
   * @default a write to `process.stdout`, where Lambda's log agent picks EMF up
   */
  readonly write?: (line: string) => void;
}

/** CloudWatch units the wrapper uses. */
export type MetricUnitName = 'Count' | 'Milliseconds';

/**
 * What the wrapper needs of a metrics library: the Powertools `Metrics`
 * (`@aws-lambda-powertools/metrics`) has this shape and plugs in as is (duck-typed: no
 * dependency). `publishStoredMetrics` is called once per invocation; its namespace, service
 * and dimensions are the instance's own.
 */
export interface MetricsPublisher {
  addMetric(name: string, unit: MetricUnitName, value: number): unknown;
  publishStoredMetrics(): unknown;
  /** Optional: the correlation properties go here (Powertools' `addMetadata`). */
  addMetadata?(key: string, value: string): unknown;
}

/** {@link SqsCallbackOptions.metrics}. */
export type MetricsOption = false | EmfMetricsOptions | MetricsPublisher;

/** Whether a value is a {@link MetricsPublisher} (duck-typed on `addMetric`). */
export function isMetricsPublisher(value: unknown): value is MetricsPublisher {
  return typeof (value as MetricsPublisher | undefined)?.addMetric === 'function';
}

/** The sink of the `metrics` option, with its defaults; `undefined` when off. */
export function resolveMetrics(option: MetricsOption | undefined): MetricsSink | undefined {
  if (option === false) return undefined;
  if (isMetricsPublisher(option)) return publisherSink(option);
  return emfSink({
    namespace: option?.namespace ?? OUTCOME_METRICS_NAMESPACE,
    dimensions: {
      [OUTCOME_METRICS_SERVICE_DIMENSION]:
        option?.service ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'sfn-callback',
      ...option?.dimensions,
    },
    write: option?.write ?? writeToStdout,
  });
}
