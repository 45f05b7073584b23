import middy from '@middy/core';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { sqsCallbackMiddleware } from './callback-middleware.js';
import { callbackRecordHandler } from './callback-record-handler.js';
import type { SqsMiddyHandler } from './middy-shapes.js';
import type { SqsCallbackOptions } from './options.js';
import type { CallbackFunction } from './types.js';

/**
 * The Lambda handler {@link sqsCallbackHandler} returns: a middy handler, so you may
 * `.use()` more middlewares on it. (Declared by this package, not imported from
 * `@middy/core`: see {@link SqsMiddyHandler}.)
 */
export type SqsCallbackHandler = SqsMiddyHandler;

/**
 * Wraps one function into an SQS-triggered Lambda handler for the Step Functions callback
 * pattern. For each record: read the task token and input, validate the input, run your
 * function, then `SendTaskSuccess` with what it returns or `SendTaskFailure` with what it
 * throws; answer the batch with `{ batchItemFailures }` (enable `ReportBatchItemFailures`
 * on the event source mapping).
 *
 * Call it at module scope: the Step Functions client is created once, here.
 *
 * @typeParam TSchema - the Standard Schema of the input (inferred from `options.schema`).
 * @typeParam TOutput - the task's output (inferred from your function, or given).
 *
 * @example
 * ```ts
 * const Order = z.object({ orderId: z.string(), amount: z.number() });
 *
 * export const handler = sqsCallbackHandler(
 *   async (order, { signal }) => ({ approved: order.amount < 1000 }),
 *   { schema: Order, heartbeatIntervalSeconds: 30 },
 * );
 * ```
 */
export function sqsCallbackHandler<TSchema extends StandardSchemaV1, TOutput = unknown>(
  fn: CallbackFunction<StandardSchemaV1.InferOutput<TSchema>, TOutput>,
  options: SqsCallbackOptions<TSchema> & { readonly schema: TSchema },
): SqsCallbackHandler;
export function sqsCallbackHandler<TInput = unknown, TOutput = unknown>(
  fn: CallbackFunction<TInput, TOutput>,
  options?: SqsCallbackOptions,
): SqsCallbackHandler;
export function sqsCallbackHandler(
  fn: CallbackFunction<unknown, unknown>,
  options?: SqsCallbackOptions<StandardSchemaV1 | undefined>,
): SqsCallbackHandler {
  const handler = callbackRecordHandler(fn, options as SqsCallbackOptions);
  // middy's own early timeout (`timeoutEarlyInMillis`) would answer "every record failed"
  // just before Lambda's timeout; the remaining-time guard already stops starting records
  // `remainingTimeMarginMs` before and reports exactly those, so it is off (it also costs a
  // timer per invocation).
  return middy(handler, { timeoutEarlyInMillis: 0 }).use(
    sqsCallbackMiddleware(),
  ) as unknown as SqsCallbackHandler;
}
