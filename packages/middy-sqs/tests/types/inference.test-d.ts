import type { TaskResponseResult } from '@sfn-callback/task-token';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type CallbackLogger,
  type CallbackRecordHandler,
  callbackRecordHandler,
  sqsCallbackHandler,
} from '../../src/index.js';

const Order = z.object({
  orderId: z.string(),
  amount: z.number(),
  priority: z.enum(['low', 'high']).default('low'),
});

describe('input type', () => {
  it('is inferred from a Standard Schema (its output type, defaults applied)', () => {
    sqsCallbackHandler(
      async (order) => {
        expectTypeOf(order).toEqualTypeOf<{
          orderId: string;
          amount: number;
          priority: 'low' | 'high';
        }>();
        return { approved: order.amount < 1000 };
      },
      { schema: Order },
    );
  });

  it('is what the function declares when there is no schema', () => {
    sqsCallbackHandler(async (input: { orderId: string }) => {
      expectTypeOf(input).toEqualTypeOf<{ orderId: string }>();
    });
  });

  it('is unknown when neither says', () => {
    sqsCallbackHandler(async (input) => {
      expectTypeOf(input).toBeUnknown();
    });
  });

  it('a function declaring a type the schema does not give is refused', () => {
    // @ts-expect-error the schema gives orderId as a string
    sqsCallbackHandler(async (order: { orderId: number }) => order, { schema: Order });
  });
});

describe('output type', () => {
  type Approval = { approved: boolean; reviewer?: string };

  it('is inferred from what the function returns', () => {
    const handler = callbackRecordHandler(async () => ({ approved: true }) as Approval);
    expectTypeOf(handler).toEqualTypeOf<CallbackRecordHandler>();
  });

  it('can be fixed by the generic: other results are refused', () => {
    sqsCallbackHandler<typeof Order, Approval>(async () => ({ approved: true }), { schema: Order });
    // @ts-expect-error approved must be a boolean
    sqsCallbackHandler<typeof Order, Approval>(async () => ({ approved: 'yes' }), {
      schema: Order,
    });
    sqsCallbackHandler<{ orderId: string }, Approval>(async (input) => ({
      approved: input.orderId.length > 0,
    }));
    // @ts-expect-error a missing field
    sqsCallbackHandler<{ orderId: string }, Approval>(async () => ({ reviewer: 'x' }));
  });
});

describe('the context', () => {
  it('has the record, the Lambda context, a redacted token, heartbeat() and a signal', () => {
    sqsCallbackHandler(async (_input, context) => {
      expectTypeOf(context.record).toEqualTypeOf<SQSRecord>();
      expectTypeOf(context.lambdaContext).toEqualTypeOf<Context>();
      expectTypeOf(context.redactedToken).toBeString();
      expectTypeOf(context.messageId).toBeString();
      expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
      expectTypeOf(context.heartbeat).returns.toEqualTypeOf<Promise<TaskResponseResult>>();
      // @ts-expect-error the raw token is not offered
      context.token;
    });
  });
});

describe('the handler', () => {
  it('is a Lambda handler for SQS events answering a partial batch response', () => {
    const handler = sqsCallbackHandler(async () => 1);
    expectTypeOf(handler).parameter(0).toEqualTypeOf<SQSEvent>();
    expectTypeOf(handler({} as SQSEvent, {} as Context)).resolves.toEqualTypeOf<SQSBatchResponse>();
    expectTypeOf(handler.use).toBeFunction();
  });
});

describe('logger', () => {
  // A structural copy of the Powertools Logger's logging methods
  // (@aws-lambda-powertools/logger: LogItemMessage, LogItemExtraInput).
  type LogAttributes = { [key: string]: unknown };
  type LogAttributesWithMessage = LogAttributes & { message: string };
  type LogItemMessage = string | LogAttributesWithMessage;
  type LogItemExtraInput = [Error | string] | LogAttributes[];
  interface PowertoolsLikeLogger {
    addContext(context: Context): void;
    appendKeys(attributes?: LogAttributes): void;
    critical(input: LogItemMessage, ...extraInput: LogItemExtraInput): void;
    debug(input: LogItemMessage, ...extraInput: LogItemExtraInput): void;
    error(input: LogItemMessage, ...extraInput: LogItemExtraInput): void;
    info(input: LogItemMessage, ...extraInput: LogItemExtraInput): void;
    warn(input: LogItemMessage, ...extraInput: LogItemExtraInput): void;
  }

  it('the Powertools Logger fits without an adapter', () => {
    expectTypeOf<PowertoolsLikeLogger>().toExtend<CallbackLogger>();
    // Checked strictly too (method parameters are otherwise compared both ways):
    // every call the wrapper makes is a call Powertools accepts.
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      expectTypeOf<Parameters<CallbackLogger[typeof level]>>().toExtend<
        Parameters<PowertoolsLikeLogger[typeof level]>
      >();
    }
    sqsCallbackHandler(async () => 1, { logger: {} as PowertoolsLikeLogger });
  });

  it('console fits', () => {
    sqsCallbackHandler(async () => 1, { logger: console });
  });

  it('a logger with other methods does not', () => {
    // @ts-expect-error no warn/error/debug
    sqsCallbackHandler(async () => 1, { logger: { info: (_message: string) => {} } });
    expectTypeOf<Parameters<CallbackLogger['info']>>().not.toExtend<[message: number]>();
  });
});
