import type { ActivityHost } from './activity-host.js';
import { SfnApiError, validationError } from './api-error.js';
import { epochSeconds, pageOf, requireArn } from './execution-operations.js';
import { checkInputShape, type InputShape } from './input-shape.js';
import type { SfnOperation, SfnOperations } from './operation.js';
import { checkResourceName } from './resource-name.js';
import { checkTagCount, readTags } from './tag-operations.js';

export const ACTIVITY_ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:activity:[^:\s]+$/;

/** GetActivityTask's `workerName`: 1 to 80 characters (API reference). */
const MAX_WORKER_NAME_LENGTH = 80;

const REQUIRED = { type: 'string', required: true } as const;

/** The input members of the activity operations (Step Functions API reference). */
const ACTIVITY_INPUT_SHAPES: Readonly<Record<string, InputShape>> = {
  CreateActivity: { name: REQUIRED },
  DeleteActivity: { activityArn: REQUIRED },
  DescribeActivity: { activityArn: REQUIRED },
  ListActivities: { maxResults: { type: 'integer' }, nextToken: { type: 'string' } },
  GetActivityTask: { activityArn: REQUIRED, workerName: { type: 'string' } },
};

const doesNotExist = (arn: string) =>
  new SfnApiError(
    'ActivityDoesNotExist',
    `Activity Does Not Exist: '${arn}' (create it with CreateActivity first)`,
  );

/**
 * Activities over an {@link ActivityHost}: CreateActivity (idempotent for a name that
 * exists, tags checked), DescribeActivity, ListActivities, DeleteActivity (success for one
 * already gone, as AWS answers) and GetActivityTask, the workers' long poll: it answers at
 * once with a waiting task's token and input, or holds the request until one is scheduled
 * or the hold time ends (then `{}`: no task). The token answers through SendTask*.
 */
export function activityOperations(host: ActivityHost, now = () => new Date()): SfnOperations {
  const existing = (input: Record<string, unknown>) => {
    const arn = requireArn(input, 'activityArn', ACTIVITY_ARN);
    const found = host.activity(arn);
    if (!found) throw doesNotExist(arn);
    return found;
  };
  const operations: Record<string, SfnOperation> = {
    CreateActivity: (input) => {
      const name = input.name as string;
      checkResourceName(name);
      const tags = readTags(input.tags);
      const arn = host.activityArn(name);
      checkTagCount(arn, [], tags);
      const found = host.activity(arn);
      if (found) {
        return { activityArn: found.arn, creationDate: epochSeconds(found.creationDate) };
      }
      const creationDate = now();
      host.createActivity({ arn, name, creationDate }, tags);
      return { activityArn: arn, creationDate: epochSeconds(creationDate) };
    },
    DescribeActivity: (input) => {
      const found = existing(input);
      return {
        activityArn: found.arn,
        name: found.name,
        creationDate: epochSeconds(found.creationDate),
        encryptionConfiguration: { type: 'AWS_OWNED_KEY' },
      };
    },
    ListActivities: (input) => {
      const { page, nextToken } = pageOf(host.activities(), input, (a) => a.arn);
      return {
        activities: page.map((a) => ({
          activityArn: a.arn,
          name: a.name,
          creationDate: epochSeconds(a.creationDate),
        })),
        ...(nextToken ? { nextToken } : {}),
      };
    },
    DeleteActivity: (input) => {
      const arn = requireArn(input, 'activityArn', ACTIVITY_ARN);
      if (host.activity(arn)) host.deleteActivity(arn);
      return {};
    },
    GetActivityTask: async (input) => {
      const workerName = input.workerName as string | undefined;
      if (
        workerName !== undefined &&
        (workerName.length < 1 || workerName.length > MAX_WORKER_NAME_LENGTH)
      ) {
        throw validationError(
          'workerName',
          `Member must have length ${workerName.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_WORKER_NAME_LENGTH}`}`,
          workerName,
        );
      }
      const activity = existing(input);
      const task = await host.pollActivity(activity.arn, workerName ?? '');
      return task ? { taskToken: task.taskToken, input: task.input } : {};
    },
  };
  const checked: Record<string, SfnOperation> = {};
  for (const [name, operation] of Object.entries(operations)) {
    const shape = ACTIVITY_INPUT_SHAPES[name] as InputShape;
    checked[name] = (input) => {
      checkInputShape(input, shape);
      return operation(input);
    };
  }
  return checked;
}
