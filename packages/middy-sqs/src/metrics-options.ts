import {
  OUTCOME_METRICS_NAMESPACE,
  OUTCOME_METRICS_SERVICE_DIMENSION,
} from '@sfn-callback/task-token';

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
   * document already. At most 29 (EMF allows 30 per set).
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

/** Resolved EMF options. */
export interface ResolvedEmfOptions {
  readonly kind: 'emf';
  readonly namespace: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly write: (line: string) => void;
}

/** Where the metrics go, or nowhere. */
export type ResolvedMetrics =
  | { readonly kind: 'off' }
  | ResolvedEmfOptions
  | { readonly kind: 'publisher'; readonly publisher: MetricsPublisher };

/** Most dimensions of one EMF dimension set. */
const MAX_DIMENSIONS = 30;

const writeToStdout = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Whether a value is a {@link MetricsPublisher} (duck-typed). */
export function isMetricsPublisher(value: unknown): value is MetricsPublisher {
  return (
    typeof (value as MetricsPublisher | undefined)?.addMetric === 'function' &&
    typeof (value as MetricsPublisher).publishStoredMetrics === 'function'
  );
}

/** Fills in the defaults; throws a `TypeError` / `RangeError` naming the bad value. */
export function resolveMetrics(option: MetricsOption | undefined): ResolvedMetrics {
  if (option === false) return { kind: 'off' };
  if (isMetricsPublisher(option)) return { kind: 'publisher', publisher: option };
  const options: EmfMetricsOptions = option ?? {};
  const namespace = options.namespace ?? OUTCOME_METRICS_NAMESPACE;
  if (typeof namespace !== 'string' || namespace.length === 0 || namespace.length > 255) {
    throw new RangeError('metrics.namespace must be a string of 1 to 255 characters.');
  }
  const service = options.service ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'sfn-callback';
  const extra = options.dimensions ?? {};
  const names = Object.keys(extra);
  if (names.length > MAX_DIMENSIONS - 1) {
    throw new RangeError(
      `metrics.dimensions: at most ${MAX_DIMENSIONS - 1} (EMF allows ${MAX_DIMENSIONS} with Service), got ${names.length}.`,
    );
  }
  for (const name of names) {
    if (name === OUTCOME_METRICS_SERVICE_DIMENSION || typeof extra[name] !== 'string') {
      throw new TypeError(
        `metrics.dimensions.${name} must be a string value, and not named ${OUTCOME_METRICS_SERVICE_DIMENSION} (use metrics.service).`,
      );
    }
  }
  return {
    kind: 'emf',
    namespace,
    dimensions: { [OUTCOME_METRICS_SERVICE_DIMENSION]: service, ...extra },
    write: options.write ?? writeToStdout,
  };
}
