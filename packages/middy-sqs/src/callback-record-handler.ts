import type { SFNClient } from '@aws-sdk/client-sfn';
import { TaskTokenClient } from '@sfn-callback/task-token';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { runWithConcurrency } from './concurrency.js';
import { RecordNotProcessedError } from './errors.js';
import { groupByMessageGroup } from './fifo-groups.js';
import { type ResolvedOptions, resolveOptions, type SqsCallbackOptions } from './options.js';
import { OutcomeTally } from './outcome-tally.js';
import { createRecordProcessor } from './process-record.js';
import { isBatchItemFailure, type RecordOutcome, toSettledResult } from './record-outcome.js';
import { assertSqsEvent } from './sqs-event.js';
import { createTimeGuard } from './time-guard.js';
import type { CallbackFunction } from './types.js';

/**
 * A middy handler for an SQS batch: one settled result per record, in record order, as
 * `@middy/sqs-partial-batch-failure` (and {@link sqsCallbackMiddleware}) expect. It never
 * rejects for a record; it throws {@link InvalidSqsEventError} for an event that is not an
 * SQS event.
 */
export type CallbackRecordHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<PromiseSettledResult<RecordOutcome>[]>;

/**
 * The record-processing half of {@link sqsCallbackHandler}, for your own `middy()` chain:
 * pass it to `.handler()` and add {@link sqsCallbackMiddleware} with `.use()`.
 *
 * The task-token client is created here, once (call this at module scope).
 *
 * @example
 * ```ts
 * export const handler = middy()
 *   .use(injectLambdaContext(logger))
 *   .use(sqsCallbackMiddleware())
 *   .handler(callbackRecordHandler(approve, { schema: Order, logger }));
 * ```
 */
export function callbackRecordHandler<TSchema extends StandardSchemaV1, TOutput = unknown>(
  fn: CallbackFunction<StandardSchemaV1.InferOutput<TSchema>, TOutput>,
  options: SqsCallbackOptions<TSchema> & { readonly schema: TSchema },
): CallbackRecordHandler;
export function callbackRecordHandler<TInput = unknown, TOutput = unknown>(
  fn: CallbackFunction<TInput, TOutput>,
  options?: SqsCallbackOptions,
): CallbackRecordHandler;
export function callbackRecordHandler(
  fn: CallbackFunction<unknown, unknown>,
  options: SqsCallbackOptions<StandardSchemaV1 | undefined> = {},
): CallbackRecordHandler {
  if (typeof fn !== 'function') throw new TypeError('The callback function must be a function.');
  const resolved = resolveOptions(options);
  const client = toTaskTokenClient(options);
  const processRecord = createRecordProcessor(fn, client, resolved);
  const publish = resolved.metrics;

  return async (event, context) => {
    assertSqsEvent(event);
    const records = event.Records;
    const count = records.length;
    const results: PromiseSettledResult<RecordOutcome>[] = new Array(count);
    if (count === 0) return results;
    const guard = createTimeGuard(context, resolved.remainingTimeMarginMs);
    const tally = publish === undefined ? undefined : new OutcomeTally();
    try {
      const groups = groupByMessageGroup(records, resolved.fifo);
      if (groups === undefined) {
        await runWithConcurrency(count, resolved.concurrency, async (index) => {
          const record = records[index] as SQSRecord;
          const outcome = await processRecord(record, context, guard, tally);
          tally?.add(record, outcome);
          results[index] = toSettledResult(outcome);
        });
      } else {
        await runWithConcurrency(groups.length, resolved.concurrency, (group) =>
          runGroup(groups[group] as number[], records, results, tally, (record) =>
            processRecord(record, context, guard, tally),
          ),
        );
      }
    } finally {
      guard.dispose();
      if (tally !== undefined) {
        try {
          publish?.(tally);
        } catch (error) {
          // A failing metrics library never fails the batch.
          resolved.logger.warn('metrics not published', { error });
        }
      }
    }
    if (!guard.canStart()) warnIfNothingCouldStart(results, resolved);
    return results;
  };
}

/** Runs one FIFO message group in order; after a batch item failure the rest are not run. */
async function runGroup(
  indexes: readonly number[],
  records: readonly SQSRecord[],
  results: PromiseSettledResult<RecordOutcome>[],
  tally: OutcomeTally | undefined,
  run: (record: SQSRecord) => Promise<RecordOutcome>,
): Promise<void> {
  let blockedBy: string | undefined;
  for (const index of indexes) {
    const record = records[index] as SQSRecord;
    if (blockedBy !== undefined) {
      const error = new RecordNotProcessedError(
        'fifo-group-blocked',
        record.messageId,
        `not started: an earlier record of its FIFO message group (${blockedBy}) was not processed`,
      );
      tally?.add(record, { status: 'not-processed', error });
      results[index] = { status: 'rejected', reason: error };
      continue;
    }
    const outcome = await run(record);
    tally?.add(record, outcome);
    results[index] = toSettledResult(outcome);
    if (isBatchItemFailure(outcome)) blockedBy = record.messageId;
  }
}

function warnIfNothingCouldStart(
  results: PromiseSettledResult<RecordOutcome>[],
  options: ResolvedOptions,
): void {
  const started = results.some(
    (result) =>
      result.status === 'fulfilled' ||
      (result.reason as RecordNotProcessedError).reason !== 'time-running-out',
  );
  if (!started) {
    options.logger.warn(
      'no record of the batch could start: less time was left than remainingTimeMarginMs. ' +
        'Raise the function timeout or lower the margin.',
      { remainingTimeMarginMs: options.remainingTimeMarginMs, records: results.length },
    );
  }
}

function toTaskTokenClient(
  options: SqsCallbackOptions<StandardSchemaV1 | undefined>,
): TaskTokenClient {
  const client = options.client;
  if (client === undefined) {
    return new TaskTokenClient({ clientConfig: options.clientConfig ?? {} });
  }
  if (typeof (client as TaskTokenClient).succeed === 'function') return client as TaskTokenClient;
  if (typeof (client as SFNClient).send === 'function') {
    return new TaskTokenClient({ client: client as SFNClient });
  }
  throw new TypeError('client must be a TaskTokenClient or an SFNClient.');
}
