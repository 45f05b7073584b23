/**
 * The cdk-nag findings the constructs acknowledge themselves, each on the narrowest construct
 * that raises it, each with the reason a reviewer needs. The README lists the same entries;
 * a test checks that the pattern passes `AwsSolutionsChecks` and `ServerlessChecks` with
 * these and nothing else.
 */

/** A cdk-nag rule (or rule finding) acknowledged on one construct, with its reason. */
export interface NagAcknowledgement {
  /** The rule id, with the finding in brackets for granular rules (`AwsSolutions-IAM5[Resource::*]`). */
  readonly id: string;
  /** Why the finding is acceptable. */
  readonly reason: string;
}

const XRAY_REASON =
  'X-Ray tracing (on by default) needs xray:PutTraceSegments and xray:PutTelemetryRecords, ' +
  'which do not support resource-level permissions: IAM requires Resource "*" for them ' +
  '(https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html).';

/** Acknowledgements applied by {@link CallbackWorker} (only on resources it creates). */
export const WORKER_ACKNOWLEDGEMENTS = {
  /** On the function role the worker creates (not on a role you pass). */
  functionRole: [
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: XRAY_REASON,
    },
  ],
  /** On the function the worker creates (not on one you pass). */
  function: [
    {
      id: 'Serverless-LambdaDLQ',
      reason:
        'A function dead-letter queue only receives failed asynchronous invocations. This function ' +
        'is invoked synchronously by the SQS event source mapping only; a record that keeps failing ' +
        'goes to the source queue\u2019s dead-letter queue through its redrive policy instead.',
    },
  ],
  /** On the dead-letter queue the worker creates. */
  deadLetterQueue: [
    {
      id: 'Serverless-SQSRedrivePolicy',
      reason:
        'This queue is the dead-letter queue, the end of the redrive chain: messages that failed ' +
        'maxReceiveCount times stay here (14 days) for inspection and redrive; giving it a DLQ of ' +
        'its own would only move them further away.',
    },
  ],
  /** On the event source mapping between the queue and the function. */
  eventSourceMapping: [
    {
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'Lambda supports on-failure destinations only for stream and Kafka event sources, not for ' +
        'SQS. For an SQS source, records that keep failing go to the queue\u2019s dead-letter queue ' +
        'through its redrive policy (maxReceiveCount), which this worker always configures.',
    },
  ],
} as const satisfies Record<string, readonly NagAcknowledgement[]>;

/** Acknowledgements applied by {@link CallbackPattern} (only on resources it creates). */
export const PATTERN_ACKNOWLEDGEMENTS = {
  /** On the default policy of the state machine role. */
  stateMachineRolePolicy: [
    {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Two statements need Resource "*" and nothing narrower exists: X-Ray tracing ' +
        '(xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets) and ' +
        'Step Functions logging to CloudWatch Logs (logs:CreateLogDelivery, GetLogDelivery, ' +
        'UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, ' +
        'DescribeResourcePolicies, DescribeLogGroups), which are vended-log delivery APIs without ' +
        'resource-level permissions ' +
        '(https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy).',
    },
  ],
  /**
   * On the state machine role, only when `encryptionKey` encrypts the queue the pattern
   * creates.
   */
  stateMachineQueueKey: [
    {
      id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason:
        'aws-cdk-lib\u2019s SqsSendMessage grants kms:GenerateDataKey* (with kms:Decrypt) for a queue ' +
        'encrypted with a customer-managed key, scoped to that one key\u2019s ARN; SQS needs a data ' +
        'key to encrypt each message the callback task sends.',
    },
  ],
} as const satisfies Record<string, readonly NagAcknowledgement[]>;

/**
 * Every acknowledgement this package can apply, with where it is applied: for documentation
 * and review.
 */
export const ALL_NAG_ACKNOWLEDGEMENTS: readonly (NagAcknowledgement & { readonly on: string })[] = [
  ...appliedOn('CallbackWorker function role', WORKER_ACKNOWLEDGEMENTS.functionRole),
  ...appliedOn('CallbackWorker function', WORKER_ACKNOWLEDGEMENTS.function),
  ...appliedOn('CallbackWorker dead-letter queue', WORKER_ACKNOWLEDGEMENTS.deadLetterQueue),
  ...appliedOn('CallbackWorker event source mapping', WORKER_ACKNOWLEDGEMENTS.eventSourceMapping),
  ...appliedOn(
    'CallbackPattern state machine role',
    PATTERN_ACKNOWLEDGEMENTS.stateMachineRolePolicy,
  ),
  ...appliedOn(
    'CallbackPattern state machine role, with `encryptionKey` only',
    PATTERN_ACKNOWLEDGEMENTS.stateMachineQueueKey,
  ),
];

/** The acknowledgements, each with where it is applied. */
function appliedOn(
  on: string,
  acknowledgements: readonly NagAcknowledgement[],
): (NagAcknowledgement & { readonly on: string })[] {
  return acknowledgements.map((acknowledgement) => ({ ...acknowledgement, on }));
}
