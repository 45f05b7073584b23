import type { TaskResource } from '@sfn-callback/asl';

const EMULATED: Readonly<Record<string, readonly string[]>> = {
  sqs: ['sendMessage'],
  sns: ['publish'],
  lambda: ['invoke'],
};

/** Whether local runs this Task resource against its own queues, topics and functions. */
export function isEmulated(resource: TaskResource): boolean {
  if (resource.legacyLambda) return true;
  if (resource.pattern === 'sync' || resource.pattern === 'sync:2') return false;
  return EMULATED[resource.resourceType]?.includes(resource.action) ?? false;
}
