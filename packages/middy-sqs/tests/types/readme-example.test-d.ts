// The README's examples, compiled (the Powertools Logger and its middleware replaced by
// structural stand-ins, as the package does not depend on them).
import middy, { type MiddlewareObj } from '@middy/core';
import type { SQSBatchResponse } from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  callbackRecordHandler,
  RetryableError,
  sqsCallbackHandler,
  sqsCallbackMiddleware,
} from '../../src/index.js';

type LogAttributes = { [key: string]: unknown };
declare const logger: {
  debug(input: string | (LogAttributes & { message: string }), ...extra: LogAttributes[]): void;
  info(input: string | (LogAttributes & { message: string }), ...extra: LogAttributes[]): void;
  warn(input: string | (LogAttributes & { message: string }), ...extra: LogAttributes[]): void;
  error(input: string | (LogAttributes & { message: string }), ...extra: LogAttributes[]): void;
};
declare function injectLambdaContext(logger: unknown): MiddlewareObj;

const Order = z.object({
  orderId: z.string(),
  amount: z.number().positive(),
  priority: z.enum(['low', 'high']).default('low'),
});

type Approval = { approved: boolean; reviewer: string };

describe('README examples', () => {
  it('the main example compiles', () => {
    const handler = sqsCallbackHandler(
      async (order, { signal, redactedToken, heartbeat }): Promise<Approval> => {
        logger.info('reviewing order', { orderId: order.orderId, token: redactedToken });
        const response = await fetch(`https://rules.internal/orders/${order.orderId}`, { signal });
        if (response.status === 503) throw new RetryableError('rules service unavailable');
        if (!response.ok) throw new Error(`rules service answered ${response.status}`);
        await heartbeat();
        const rules = (await response.json()) as { limit: number };
        return { approved: order.amount <= rules.limit, reviewer: 'rules-engine' };
      },
      { schema: Order, logger, heartbeatIntervalSeconds: 30, concurrency: 10 },
    ).use(injectLambdaContext(logger));
    expectTypeOf(handler).toBeFunction();
  });

  it('the own-chain example compiles', () => {
    const approve = async (order: z.output<typeof Order>) => ({ approved: order.amount < 10 });
    const handler = middy()
      .use(injectLambdaContext(logger))
      .use(sqsCallbackMiddleware())
      .handler(callbackRecordHandler(approve, { schema: Order, logger }));
    expectTypeOf(handler).toBeFunction();
    expectTypeOf(sqsCallbackMiddleware().after).not.toBeUndefined();
    expectTypeOf<SQSBatchResponse>().toHaveProperty('batchItemFailures');
  });
});
