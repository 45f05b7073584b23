import type { Json, TaskRequest } from '@sfn-callback/asl';
import type { MockSession } from '../mocks/mock-session.js';
import type { BusEvent, SentQueueMessage, TopicMessage } from '../model/sent-messages.js';
import type { ActivityTasks } from './activity-tasks.js';
import { callIntegration, type IntegrationTargets } from './call-integration.js';
import { type NestedExecutionHost, startNestedExecution } from './nested-execution.js';
import { type EventBuses, putEvents } from './put-events.js';

/** Everything local can route a Task to, beyond the app's queues, topics and functions. */
export interface TaskRoutes {
  readonly targets: IntegrationTargets;
  /** Absent: `events:putEvents` is not emulated. */
  readonly buses?: EventBuses;
  /** Absent: `states:startExecution` is not emulated. */
  readonly nested?: NestedExecutionHost;
  /** Absent: activity Tasks are not emulated. */
  readonly activities?: ActivityTasks;
}

/** The execution a Task belongs to, and where its messages are reported. */
export interface TaskOrigin {
  readonly executionArn: string;
  /** The test case's mocks, when the execution was started with `#TestCase`. */
  readonly mocks?: MockSession;
  readonly onPublish: (message: TopicMessage) => void;
  readonly onPut: (event: BusEvent) => void;
  /** Called with each message a state sent to a local queue. */
  readonly onSend?: (message: SentQueueMessage) => void;
}

/**
 * Performs one Task attempt: the test case's mocked response when it mocks the state,
 * else the emulated service — an activity's workers, a nested execution (`states:startExecution`), an event bus
 * (`events:putEvents`), or the app's SQS, SNS and Lambda.
 */
export function routeTask(
  request: TaskRequest,
  routes: TaskRoutes,
  origin: TaskOrigin,
): Promise<Json> {
  if (origin.mocks?.mocks(request.stateName)) return origin.mocks.answer(request);
  const { resource } = request;
  if (routes.activities && resource.activity) {
    // Waits for a worker (GetActivityTask); the engine then waits for the token's answer.
    return routes.activities.schedule(
      resource.arn,
      { taskToken: request.taskToken as string, input: JSON.stringify(request.parameters) },
      request.signal,
      {
        executionArn: origin.executionArn,
        stateName: request.stateName,
        ...(request.timeoutSeconds !== undefined ? { timeoutSeconds: request.timeoutSeconds } : {}),
        ...(request.heartbeatSeconds !== undefined
          ? { heartbeatSeconds: request.heartbeatSeconds }
          : {}),
      },
    );
  }
  if (routes.nested && resource.resourceType === 'states' && resource.action === 'startExecution') {
    return startNestedExecution(request, routes.nested);
  }
  if (routes.buses && resource.resourceType === 'events' && resource.action === 'putEvents') {
    return Promise.resolve(
      putEvents(
        (request.parameters ?? {}) as Record<string, unknown>,
        routes.buses,
        { executionArn: origin.executionArn, stateName: request.stateName },
        origin.onPut,
      ) as Json,
    );
  }
  const parameters = request.parameters as Record<string, unknown>;
  const called = callIntegration(resource, parameters, routes.targets, {
    executionArn: origin.executionArn,
    stateName: request.stateName,
    onPublish: origin.onPublish,
  }) as Promise<Json>;
  if (resource.resourceType !== 'sqs' || !origin.onSend) return called;
  return called.then((answer) => {
    const { MessageId } = answer as { MessageId?: string };
    const body = parameters.MessageBody;
    origin.onSend?.({
      queueUrl: String(parameters.QueueUrl),
      messageId: String(MessageId),
      body: typeof body === 'string' ? body : JSON.stringify(body),
      stateName: request.stateName,
      timestamp: new Date(),
    });
    return answer;
  });
}
