/**
 * What the local runner needs from a synthesized stack, with every intrinsic already
 * resolved to local ARNs and URLs. Built by {@link readAppModel}; everything else in the
 * runner works from this model, never from the raw template.
 */

/** An `AWS::SQS::Queue`. */
export interface QueueSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly url: string;
  readonly fifo: boolean;
  readonly contentBasedDeduplication: boolean;
  /** Seconds (default 30). */
  readonly visibilityTimeoutSeconds: number;
  /** Seconds (default 0). */
  readonly delaySeconds: number;
  readonly redrivePolicy?: {
    readonly deadLetterTargetArn: string;
    readonly maxReceiveCount: number;
  };
}

/** An `AWS::SNS::Topic`. */
export interface TopicSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly fifo: boolean;
}

/** An `AWS::Lambda::Function` with Node.js code from a file asset. */
export interface FunctionSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  /** `index.handler` style, as in the template. */
  readonly handler: string;
  readonly runtime: string;
  /** Absolute path of the asset directory `cdk deploy` would zip and upload. */
  readonly codeDirectory: string;
  /** The template's environment variables, resolved. */
  readonly environment: Readonly<Record<string, string>>;
  /** Seconds (default 3). */
  readonly timeoutSeconds: number;
  /** MB (default 128). */
  readonly memorySize: number;
}

/** An `AWS::Lambda::EventSourceMapping` from an SQS queue. */
export interface EventSourceMappingSpec {
  readonly logicalId: string;
  readonly queueArn: string;
  readonly functionName: string;
  /** Default 10. */
  readonly batchSize: number;
  /** Seconds (default 0). */
  readonly maximumBatchingWindowSeconds: number;
  readonly reportBatchItemFailures: boolean;
  readonly enabled: boolean;
  /** `ScalingConfig.MaximumConcurrency`, when set. */
  readonly maximumConcurrency?: number;
}

/** An `AWS::StepFunctions::StateMachine`. */
export interface StateMachineSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly roleArn?: string;
  /** The definition, intrinsics resolved and `DefinitionSubstitutions` applied. */
  readonly definition: Record<string, unknown>;
}

/** A metric as an alarm names it: namespace, name and the exact set of dimensions. */
export interface AlarmMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** One entry of an alarm's `Metrics` (metric math): a metric or an expression over others. */
export interface AlarmMetricQuery {
  readonly id: string;
  readonly expression?: string;
  readonly metricStat?: {
    readonly metric: AlarmMetric;
    readonly stat: string;
    readonly periodSeconds: number;
  };
  /** Seconds, for an expression. */
  readonly periodSeconds?: number;
  /** Whether this query is the alarm's time series (exactly one is). */
  readonly returnData: boolean;
}

/** An `AWS::CloudWatch::Alarm`, intrinsics resolved. */
export interface AlarmSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly description?: string;
  /** A single-metric alarm's metric, statistic and period. */
  readonly metric?: AlarmMetric & { readonly statistic: string; readonly periodSeconds: number };
  /** A metric-math alarm's queries. */
  readonly metrics?: readonly AlarmMetricQuery[];
  readonly threshold: number;
  readonly comparisonOperator: string;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** `missing` (CloudWatch's default), `notBreaching`, `breaching` or `ignore`. */
  readonly treatMissingData: string;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  /** Why it cannot be evaluated locally (anomaly detection, an unresolvable value), if so. */
  readonly unsupported?: string;
}

/** One stack of the assembly, as the runner sees it. */
export interface AppModel {
  readonly stackName: string;
  readonly region: string;
  readonly account: string;
  readonly queues: readonly QueueSpec[];
  readonly topics: readonly TopicSpec[];
  readonly functions: readonly FunctionSpec[];
  readonly eventSourceMappings: readonly EventSourceMappingSpec[];
  readonly stateMachines: readonly StateMachineSpec[];
  /** The stack's CloudWatch alarms. */
  readonly alarms: readonly AlarmSpec[];
  /** The names of the stack's S3 buckets: folders of `serve --buckets`. */
  readonly buckets?: readonly string[];
  /** The stack's activities (`AWS::StepFunctions::Activity`), created when the runner starts. */
  readonly activities?: readonly ActivitySpec[];
}

/** An activity of the stack: its name and ARN (what `Ref` gives). */
export interface ActivitySpec {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
}
