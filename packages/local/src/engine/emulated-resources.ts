import type { TaskResource } from '@sfn-callback/asl';

/** Actions local runs itself, by service, with the integration patterns each supports. */
const EMULATED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  sqs: { sendMessage: ['request-response', 'waitForTaskToken'] },
  sns: { publish: ['request-response', 'waitForTaskToken'] },
  lambda: { invoke: ['request-response', 'waitForTaskToken'] },
  states: { startExecution: ['request-response', 'sync', 'sync:2', 'waitForTaskToken'] },
  events: { putEvents: ['request-response', 'waitForTaskToken'] },
};

/** The emulated services, as an error message lists them. */
export const EMULATED_SERVICES =
  'SQS sendMessage, SNS publish, Lambda invoke (each also .waitForTaskToken), Step Functions startExecution (also .sync, .sync:2, .waitForTaskToken), EventBridge putEvents (also .waitForTaskToken) and activities (workers poll GetActivityTask)';

/** Whether local runs this Task resource against its own queues, topics, functions, state machines and event buses. */
export function isEmulated(resource: TaskResource): boolean {
  if (resource.legacyLambda || resource.activity) return true;
  return EMULATED[resource.resourceType]?.[resource.action]?.includes(resource.pattern) ?? false;
}
