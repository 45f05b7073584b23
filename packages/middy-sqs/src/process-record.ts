import {
  type CallbackMessageParseResult,
  parseAttributeCallbackMessage,
  parseCallbackMessage,
  type TaskResponseResult,
  type TaskTokenClient,
  validateCallbackInput,
  withHeartbeat,
} from '@sfn-callback/task-token';
import type { Context, SQSRecord } from 'aws-lambda';
import { rememberCorrelation } from './correlation.js';
import { logAttributes } from './log-attributes.js';
import { isLevelEnabled } from './logger.js';
import type { ResolvedOptions } from './options.js';
import type { OutcomeTally } from './outcome-tally.js';
import { RecordContext } from './record-context.js';
import { createRecordFailures, type RecordFailures } from './record-failures.js';
import { type RecordOutcome, SUCCEEDED } from './record-outcome.js';
import type { TimeGuard } from './time-guard.js';
import type { CallbackFunction } from './types.js';

/** Processes one record: parse, validate, run the function, answer Step Functions. */
export type RecordProcessor = (
  record: SQSRecord,
  lambdaContext: Context,
  guard: TimeGuard,
  tally?: OutcomeTally,
) => Promise<RecordOutcome>;

const EMPTY_OUTPUT = Object.freeze({});

/**
 * Builds the function that processes one record, following the behaviour table:
 *
 * | outcome | call | record |
 * |---|---|---|
 * | function returns | SendTaskSuccess(output) | done |
 * | function throws | SendTaskFailure(name, message) | done |
 * | function throws a retryable error | none | batch item failure |
 * | no usable token | none | batch item failure (or dropped, if configured) |
 * | token, but no input / input fails the schema | SendTaskFailure | done |
 * | TaskTimedOut / TaskDoesNotExist | none more | done, "already closed" |
 * | throttled / network after the SDK's retries | — | batch item failure |
 * | Lambda time nearly out before start | none | batch item failure |
 */
export function createRecordProcessor(
  fn: CallbackFunction<unknown, unknown>,
  client: TaskTokenClient,
  options: ResolvedOptions,
): RecordProcessor {
  const { logger, tokenLocation, schema, heartbeatIntervalSeconds } = options;
  const logSuccess = isLevelEnabled(logger, 'debug');

  const extract: (record: SQSRecord) => CallbackMessageParseResult =
    tokenLocation.from === 'body'
      ? (record) => parseCallbackMessage(record.body, tokenLocation)
      : (record) => parseAttributeCallbackMessage(record, tokenLocation);

  // Built on the first record that does not simply succeed.
  let failures: RecordFailures | undefined;
  const fail = () => {
    failures ??= createRecordFailures(client, options);
    return failures;
  };

  const runFunction = (input: unknown, context: RecordContext, token: string): unknown => {
    if (heartbeatIntervalSeconds === undefined) return fn(input, context);
    return withHeartbeat(
      async (signal) => {
        context.useSignal(signal);
        return fn(input, context);
      },
      {
        client,
        token,
        intervalSeconds: heartbeatIntervalSeconds,
        signal: context.ownSignal,
        onTransientError: (error) => {
          context.heartbeatFailed();
          logger.warn(
            'heartbeat did not get through; will try again',
            logAttributes(context.record, token, error),
          );
        },
      },
    );
  };

  return async (record, lambdaContext, guard, tally) => {
    try {
      if (!guard.canStart()) return fail().notStarted(record);
      const extracted = extract(record);
      rememberCorrelation(record, extracted);
      if (!extracted.ok) return await fail().fromInvalidMessage(record, extracted);
      const { token } = extracted;
      let input = extracted.input;
      if (schema !== undefined) {
        const checked = await validateCallbackInput(schema, input);
        if (!checked.ok) return await fail().inputInvalid(record, token, checked.error);
        input = checked.value;
      }
      // The way every record takes is written out here, not in helpers: each async layer is
      // a promise and a turn of the microtask queue per record.
      const context = new RecordContext(record, lambdaContext, token, client, guard, tally);
      let output: unknown;
      try {
        output = await runFunction(input, context, token);
      } catch (error) {
        return await fail().fromFunctionError(record, token, context, error);
      } finally {
        context.dispose();
      }
      let result: TaskResponseResult;
      try {
        result = await client.succeed(token, output === undefined ? EMPTY_OUTPUT : output);
      } catch (error) {
        return await fail().fromSucceedError(record, token, error);
      }
      if (result.status === 'already-closed') {
        return fail().closed(record, token, result.reason, { operation: 'SendTaskSuccess' });
      }
      if (logSuccess) {
        logger.debug('task succeeded', { ...logAttributes(record, token), outcome: 'succeeded' });
      }
      return SUCCEEDED;
    } catch (error) {
      // Only a bug in the wrapper or a logger that throws gets here.
      return fail().notProcessed(record, 'unexpected', 'the record could not be processed', error);
    }
  };
}
