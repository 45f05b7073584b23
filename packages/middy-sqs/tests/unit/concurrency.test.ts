import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sqsCallbackHandler } from '../../src/index.js';
import {
  captureLogger,
  makeCallbackRecord,
  makeContext,
  makeEvent,
  makeToken,
  offlineSfnClient,
} from '../helpers.js';

const sfn = offlineSfnClient();
const sfnMock = mockClient(sfn);
let callsInFlight = 0;
let maxCallsInFlight = 0;

beforeEach(() => {
  sfnMock.reset();
  callsInFlight = 0;
  maxCallsInFlight = 0;
  sfnMock.on(SendTaskSuccessCommand).callsFake(async () => {
    callsInFlight += 1;
    maxCallsInFlight = Math.max(maxCallsInFlight, callsInFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    callsInFlight -= 1;
    return {};
  });
});

async function runBatch(size: number, concurrency?: number) {
  let inFlight = 0;
  let max = 0;
  const started: number[] = [];
  const handler = sqsCallbackHandler(
    async (input: number) => {
      started.push(input);
      inFlight += 1;
      max = Math.max(max, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      return input;
    },
    { client: sfn, logger: captureLogger().logger, ...(concurrency ? { concurrency } : {}) },
  );
  const records = Array.from({ length: size }, (_, i) => makeCallbackRecord(makeToken(), i));
  const response = await handler(makeEvent(records), makeContext());
  return { max, started, response };
}

describe('bounded concurrency inside a batch', () => {
  it('defaults to 10 records at a time (functions and Send* calls)', async () => {
    const { max, response } = await runBatch(35);
    expect(max).toBe(10);
    expect(maxCallsInFlight).toBe(10);
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sfnMock.commandCalls(SendTaskSuccessCommand)).toHaveLength(35);
  });

  it.each([1, 3, 50])('honours concurrency %i', async (concurrency) => {
    const { max } = await runBatch(60, concurrency);
    expect(max).toBe(concurrency);
  });

  it('starts records in batch order', async () => {
    const { started } = await runBatch(25, 4);
    expect(started).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });
});
