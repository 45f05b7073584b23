/** A Task state's `Resource`, as the local runner emulates it. */
export interface TaskResource {
  /** AWS's `resourceType` in history events: `sqs`, `sns`, `lambda`. */
  readonly resourceType: 'sqs' | 'sns' | 'lambda';
  /** AWS's `resource` in history events: `sendMessage.waitForTaskToken`, `publish`, `invoke`, … */
  readonly resource: string;
  /** The API action, without the pattern suffix. */
  readonly action: string;
  /** `.waitForTaskToken`: the task waits for SendTaskSuccess / SendTaskFailure. */
  readonly waitForTaskToken: boolean;
  /** The resource is a bare Lambda function ARN (the legacy Lambda task). */
  readonly functionArn?: string;
}

const SUPPORTED: Readonly<Record<string, readonly string[]>> = {
  sqs: ['sendMessage'],
  sns: ['publish'],
  lambda: ['invoke'],
};

/**
 * Parses a Task state's `Resource` ARN. Returns undefined for a resource the runner does not
 * emulate (`.sync` jobs, activities, other services).
 */
export function parseTaskResource(arn: string): TaskResource | undefined {
  const direct = /^arn:aws[a-z-]*:lambda:[^:]+:[^:]+:function:[^:]+(:[^:]+)?$/.exec(arn);
  if (direct) {
    return {
      resourceType: 'lambda',
      resource: arn,
      action: 'invoke',
      waitForTaskToken: false,
      functionArn: arn,
    };
  }
  const match = /^arn:aws[a-z-]*:states:::([a-z0-9-]+):([A-Za-z]+)(\.waitForTaskToken)?$/.exec(arn);
  if (!match) return undefined;
  const [, service, action, pattern] = match as unknown as [
    string,
    string,
    string,
    string | undefined,
  ];
  if (!SUPPORTED[service]?.includes(action)) return undefined;
  return {
    resourceType: service as TaskResource['resourceType'],
    resource: `${action}${pattern ?? ''}`,
    action,
    waitForTaskToken: pattern !== undefined,
  };
}
