import type { IntegrationPattern, TaskResource } from '../task-handler.js';

// Region and account may be given or left empty, as AWS accepts both (see validation/resources.ts).
const LAMBDA_FUNCTION = /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const ACTIVITY = /^arn:aws[a-z-]*:states:[^:]*:[^:]*:activity:/;
const INTEGRATION =
  /^arn:aws[a-z-]*:states:[^:]*:[^:]*:((?:aws-sdk:)?[a-z0-9-]+):([A-Za-z0-9]+)(\.[a-zA-Z0-9:]+)?$/;

const PATTERNS: Readonly<Record<string, IntegrationPattern>> = {
  '.waitForTaskToken': 'waitForTaskToken',
  '.sync': 'sync',
  '.sync:2': 'sync:2',
};

/**
 * Parses a Task's `Resource` as AWS names it in the history: `resourceType` is the
 * service (`lambda`, `sqs`, `states`, `aws-sdk:dynamodb`, ...), `resource` the action with its pattern
 * suffix (`sendMessage.waitForTaskToken`), or, for a bare Lambda ARN, the ARN itself.
 * Returns undefined for a resource that is not an ARN AWS accepts.
 */
export function parseTaskResource(arn: string): TaskResource | undefined {
  // A definition names few resources, and every Task attempt asks again: parse each once.
  if (parsed.has(arn)) return parsed.get(arn);
  const resource = parse(arn);
  if (parsed.size < 10_000) parsed.set(arn, resource);
  return resource;
}

const parsed = new Map<string, TaskResource | undefined>();

function parse(arn: string): TaskResource | undefined {
  if (LAMBDA_FUNCTION.test(arn)) {
    return {
      arn,
      resourceType: 'lambda',
      resource: arn,
      action: 'invoke',
      pattern: 'request-response',
      legacyLambda: true,
      activity: false,
    };
  }
  if (ACTIVITY.test(arn)) {
    return {
      arn,
      resourceType: 'activity',
      resource: arn,
      action: 'activity',
      pattern: 'request-response',
      legacyLambda: false,
      activity: true,
    };
  }
  const match = INTEGRATION.exec(arn);
  if (!match) return undefined;
  const service = match[1] as string;
  const action = match[2] as string;
  const suffix = match[3];
  const pattern =
    suffix === undefined
      ? 'request-response'
      : Object.hasOwn(PATTERNS, suffix)
        ? PATTERNS[suffix]
        : undefined;
  if (!pattern) return undefined;
  return {
    arn,
    resourceType: service,
    resource: `${action}${suffix ?? ''}`,
    action,
    pattern,
    legacyLambda: false,
    activity: false,
  };
}
