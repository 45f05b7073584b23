/**
 * The worker of the AWS "Callback Pattern Example": the Lambda function the queue triggers.
 * It answers each callback message with the sample's output. Everything else — reading the
 * token, SendTaskSuccess / SendTaskFailure, the partial batch response, token-free logs —
 * is @sfn-callback/middy-sqs.
 */
import { sqsCallbackHandler } from '@sfn-callback/middy-sqs';

/** The sample's output, as the AWS sample's own Lambda sends it. */
export const SAMPLE_OUTPUT = 'Callback task completed successfully.';

/** The execution input. Any JSON object; `"fail": true` asks the worker to fail. */
export interface ExampleInput {
  /** Set to `true` to see the failure path: the worker throws, the workflow notifies failure. */
  readonly fail?: boolean;
  readonly [key: string]: unknown;
}

/** What the worker throws when the input asks it to fail; the workflow sees its name. */
export class ExampleWorkerError extends Error {
  override readonly name = 'ExampleWorkerError';
}

export const handler = sqsCallbackHandler<ExampleInput, string>(async (input) => {
  if (input !== null && typeof input === 'object' && input.fail === true) {
    throw new ExampleWorkerError('The worker failed on purpose: the input has "fail": true.');
  }
  return SAMPLE_OUTPUT;
});
