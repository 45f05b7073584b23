import { randomUUID } from 'node:crypto';
import type { TaskResource } from '@sfn-callback/asl';
import type { LocalFunction } from '../functions/local-function.js';
import type { TopicMessage } from '../model/sent-messages.js';
import { type LocalQueue, QueueError } from '../queues/local-queue.js';
import type { LocalTopic } from './local-topic.js';

/** The local resources a Task can reach. */
export interface IntegrationTargets {
  readonly queuesByUrl: ReadonlyMap<string, LocalQueue>;
  readonly topicsByArn: ReadonlyMap<string, LocalTopic>;
  readonly functionsByName: ReadonlyMap<string, LocalFunction>;
}

/** A task error: `name` is the error a Catch or Retry matches, `message` its cause. */
export function taskError(error: string, cause: string): Error {
  const failure = new Error(cause);
  failure.name = error;
  return failure;
}

const sdkMetadata = () => ({
  SdkHttpMetadata: { HttpStatusCode: 200 },
  SdkResponseMetadata: { RequestId: randomUUID() },
});

const text = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/**
 * Performs a Task's service call against the local resources, with the effective
 * parameters, and returns what the Step Functions integration returns (SQS SendMessage's
 * and SNS Publish's responses, Lambda Invoke's `Payload` and `StatusCode`).
 *
 * @throws an error named as the integration names it (`SQS.QueueDoesNotExistException`, …).
 */
export async function callIntegration(
  resource: TaskResource,
  parameters: Record<string, unknown>,
  targets: IntegrationTargets,
  origin: { executionArn: string; stateName: string; onPublish?: (message: TopicMessage) => void },
): Promise<unknown> {
  switch (resource.resourceType) {
    case 'sqs': {
      const url = String(parameters.QueueUrl);
      const queue = targets.queuesByUrl.get(url);
      if (!queue) {
        throw taskError(
          'SQS.QueueDoesNotExistException',
          `The specified queue does not exist: ${url}`,
        );
      }
      try {
        const sent = queue.send({
          MessageBody: text(parameters.MessageBody),
          ...(parameters.MessageGroupId !== undefined
            ? { MessageGroupId: String(parameters.MessageGroupId) }
            : {}),
          ...(parameters.MessageDeduplicationId !== undefined
            ? { MessageDeduplicationId: String(parameters.MessageDeduplicationId) }
            : {}),
          ...(parameters.DelaySeconds !== undefined
            ? { DelaySeconds: Number(parameters.DelaySeconds) }
            : {}),
          ...(parameters.MessageAttributes !== undefined
            ? { MessageAttributes: parameters.MessageAttributes as Record<string, unknown> }
            : {}),
        });
        return { ...sent, ...sdkMetadata() };
      } catch (error) {
        if (error instanceof QueueError) throw taskError(`SQS.${error.code}`, error.message);
        throw error;
      }
    }
    case 'sns': {
      const arn = String(parameters.TopicArn ?? parameters.TargetArn);
      const topic = targets.topicsByArn.get(arn);
      if (!topic) throw taskError('SNS.NotFoundException', `Topic does not exist: ${arn}`);
      const published = topic.publish(
        {
          Message: parameters.Message,
          ...(parameters.Subject !== undefined ? { Subject: String(parameters.Subject) } : {}),
        },
        { executionArn: origin.executionArn, stateName: origin.stateName },
      );
      origin.onPublish?.(published);
      return { MessageId: published.messageId, ...sdkMetadata() };
    }
    case 'lambda': {
      const functionArn = resource.legacyLambda ? resource.arn : undefined;
      const name = String(functionArn ?? parameters.FunctionName).replace(
        /^arn:aws[a-z-]*:lambda:[^:]+:[^:]+:function:/,
        '',
      );
      const fn =
        targets.functionsByName.get(name.replace(/:[^:]+$/, '')) ??
        targets.functionsByName.get(name);
      if (!fn) throw taskError('Lambda.ResourceNotFoundException', `Function not found: ${name}`);
      const payload = functionArn ? parameters : parameters.Payload;
      if (resource.pattern === 'waitForTaskToken') {
        void fn.invoke(payload);
        return { StatusCode: 202, ...sdkMetadata() };
      }
      const result = await fn.invoke(payload);
      if (!result.ok) {
        throw taskError(
          result.errorType,
          JSON.stringify({ errorType: result.errorType, errorMessage: result.errorMessage }),
        );
      }
      if (functionArn) return result.payload;
      return {
        ExecutedVersion: '$LATEST',
        Payload: result.payload,
        StatusCode: 200,
        ...sdkMetadata(),
      };
    }
    default:
      throw taskError(
        'States.Runtime',
        `${resource.arn} is not emulated locally (SQS sendMessage, SNS publish and Lambda invoke are)`,
      );
  }
}
