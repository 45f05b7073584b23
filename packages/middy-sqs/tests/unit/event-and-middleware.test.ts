import middy from '@middy/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  callbackRecordHandler,
  InvalidHandlerResponseError,
  InvalidSqsEventError,
  sqsCallbackHandler,
  sqsCallbackMiddleware,
} from '../../src/index.js';
import { handlerWithTestDefaults } from '../support/handler-with-test-defaults.js';
import { makeContext } from '../support/lambda-context.js';
import { captureLogger } from '../support/log-capture.js';
import { makeCallbackRecord, makeEvent, makeRecord, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions } from '../support/step-functions-mock.js';

const { client: sfn, mock: sfnMock } = mockStepFunctions();
const callbackHandler = handlerWithTestDefaults(sfn);

describe('event shape', () => {
  const handler = callbackHandler(async () => 1);

  it.each([
    ['an API Gateway event', { httpMethod: 'GET', path: '/' }],
    ['an EventBridge event', { 'detail-type': 'x', source: 'y', detail: {} }],
    ['null', null],
    ['Records that is not an array', { Records: 'nope' }],
    ['an SNS event', { Records: [{ EventSource: 'aws:sns', Sns: { Message: '{}' } }] }],
    [
      'a DynamoDB stream record',
      { Records: [{ eventSource: 'aws:dynamodb', messageId: 'x', body: 'y' }] },
    ],
  ])(
    '%s fails the invocation with InvalidSqsEventError (not a silent all-failed)',
    async (_name, event) => {
      await expect(handler(event as never, makeContext())).rejects.toBeInstanceOf(
        InvalidSqsEventError,
      );
      expect(sfnMock.calls()).toHaveLength(0);
    },
  );

  it('the error says what is wrong', async () => {
    await expect(handler({ httpMethod: 'GET' } as never, makeContext())).rejects.toThrow(
      /not an SQS event.*httpMethod/i,
    );
    await expect(
      handler(
        { Records: [{ eventSource: 'aws:dynamodb', messageId: 'x', body: 'y' }] } as never,
        makeContext(),
      ),
    ).rejects.toThrow(/Records\[0\].*eventSource "aws:dynamodb"/);
  });

  it('an empty Records array is answered with no batch item failures', async () => {
    await expect(handler(makeEvent([]), makeContext())).resolves.toEqual({ batchItemFailures: [] });
  });

  it('works without a Lambda context (no time guard)', async () => {
    const response = await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), {} as never);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('rejects bad options when the handler is created', () => {
    expect(() => sqsCallbackHandler(async () => 1, { client: sfn, concurrency: 0 })).toThrow(
      RangeError,
    );
    expect(() => sqsCallbackHandler(async () => 1, { client: sfn, concurrency: 51 })).toThrow(/50/);
    expect(() =>
      sqsCallbackHandler(async () => 1, { client: sfn, heartbeatIntervalSeconds: -1 }),
    ).toThrow(RangeError);
    expect(() =>
      sqsCallbackHandler(async () => 1, { client: sfn, remainingTimeMarginMs: Number.NaN }),
    ).toThrow(RangeError);
    expect(() => sqsCallbackHandler(async () => 1, { client: {} as never })).toThrow(TypeError);
  });
});

describe('sqsCallbackMiddleware in a middy chain of your own', () => {
  it('runs with your other middlewares and answers a partial batch', async () => {
    const order: string[] = [];
    const records = [makeCallbackRecord(makeToken(), { orderId: 'o-1' }), makeRecord('poison')];
    const handler = middy()
      .use({
        before: () => {
          order.push('mine:before');
        },
        after: () => {
          order.push('mine:after');
        },
      })
      .use(sqsCallbackMiddleware())
      .handler(
        callbackRecordHandler(
          async (input) => {
            order.push(`record:${input.orderId}`);
            return { ok: true };
          },
          {
            client: sfn,
            logger: captureLogger().logger,
            schema: z.object({ orderId: z.string() }),
          },
        ),
      );
    const response = await handler(makeEvent(records), makeContext());
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.messageId }] });
    expect(order).toEqual(['mine:before', 'record:o-1', 'mine:after']);
  });

  it('a non-SQS event fails the invocation in your chain too', async () => {
    const handler = middy()
      .use(sqsCallbackMiddleware())
      .handler(
        callbackRecordHandler(async () => 1, { client: sfn, logger: captureLogger().logger }),
      );
    await expect(handler({ detail: {} } as never, makeContext())).rejects.toBeInstanceOf(
      InvalidSqsEventError,
    );
  });

  it('a handler that does not return one result per record fails the invocation', async () => {
    const handler = middy()
      .use(sqsCallbackMiddleware())
      .handler(async () => ({ batchItemFailures: [] }) as never);
    await expect(
      handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext()),
    ).rejects.toBeInstanceOf(InvalidHandlerResponseError);
  });

  it('an error from another middleware after the handler answers every record as failed', async () => {
    const records = [makeCallbackRecord(makeToken(), 1), makeCallbackRecord(makeToken(), 2)];
    const handler = middy()
      .use({
        after: () => {
          throw new Error('metrics flush failed');
        },
      })
      .use(sqsCallbackMiddleware())
      .handler(
        callbackRecordHandler(async () => 1, { client: sfn, logger: captureLogger().logger }),
      );
    const response = await handler(makeEvent(records), makeContext());
    expect(response).toEqual({
      batchItemFailures: records.map((record) => ({ itemIdentifier: record.messageId })),
    });
  });

  it('the callback handler is a middy handler: more middlewares can be added with .use()', async () => {
    const seen: string[] = [];
    const handler = callbackHandler(async () => 1).use({
      before: (request) => {
        seen.push(request.context.awsRequestId);
      },
    });
    await handler(makeEvent([makeCallbackRecord(makeToken(), 1)]), makeContext());
    expect(seen).toEqual(['c6af9ac6-7b61-11e6-9a41-93e812345678']);
  });
});
