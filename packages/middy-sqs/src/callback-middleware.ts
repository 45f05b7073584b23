import type { Request } from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import { InvalidHandlerResponseError, InvalidSqsEventError } from './errors.js';
import type { SqsMiddleware } from './middy-shapes.js';
import { assertSqsEvent } from './sqs-event.js';

// The partial-batch middleware's default logger is `console.error(reason, record)`: the
// record's body holds the task token. The record processor logs every outcome itself
// (token redacted), so nothing is passed on.
const doNotLog = (): void => {};

/**
 * The middy middleware of the callback pattern, for your own `middy()` chain (next to your
 * other middlewares), with {@link callbackRecordHandler} as the handler:
 *
 * - `before`: checks that the event is an SQS event; if not, the invocation fails with an
 *   {@link InvalidSqsEventError} (not a silent "every record failed");
 * - `after`: turns the handler's settled results into `{ batchItemFailures }` with
 *   `@middy/sqs-partial-batch-failure` (its logging off: it would log message bodies,
 *   which hold task tokens);
 * - `onError`: an error from another middleware is answered as every record failed (the
 *   records already completed get `TaskTimedOut` on redelivery, which is "already
 *   closed": no harm done).
 */
export function sqsCallbackMiddleware(): SqsMiddleware {
  const partialBatch = sqsPartialBatchFailure({ logger: doNotLog });
  const after = partialBatch.after as (request: Request) => Promise<void>;
  const onError = partialBatch.onError as (request: Request) => Promise<void>;
  return {
    name: 'sqsCallback',
    before: (request) => {
      assertSqsEvent(request.event);
    },
    after: async (request) => {
      const response: unknown = request.response;
      const count = request.event.Records.length;
      if (!Array.isArray(response) || response.length !== count) {
        throw new InvalidHandlerResponseError(
          `The handler must return one PromiseSettledResult per record (${count}), in record order; ` +
            `it returned ${Array.isArray(response) ? `${response.length} results` : typeof response}. ` +
            'Use callbackRecordHandler() as the handler.',
        );
      }
      await after(request as unknown as Request);
    },
    onError: async (request) => {
      const error = request.error;
      if (error instanceof InvalidSqsEventError || error instanceof InvalidHandlerResponseError) {
        throw error;
      }
      await onError(request as unknown as Request);
    },
  };
}
