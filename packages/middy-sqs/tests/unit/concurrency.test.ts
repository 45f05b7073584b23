import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { beforeEach, describe, expect, it } from 'vitest';
import { handlerWithTestDefaults } from '../support/handler-with-test-defaults.js';
import { makeContext } from '../support/lambda-context.js';
import { makeCallbackRecord, makeEvent, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions } from '../support/step-functions-mock.js';
import { sleep } from '../support/time.js';

const { client: sfn, mock: sfnMock, successInputs } = mockStepFunctions();
const callbackHandler = handlerWithTestDefaults(sfn);
let callsInFlight = 0;
let maxCallsInFlight = 0;

beforeEach(() => {
  callsInFlight = 0;
  maxCallsInFlight = 0;
  sfnMock.on(SendTaskSuccessCommand).callsFake(async () => {
    callsInFlight += 1;
    maxCallsInFlight = Math.max(maxCallsInFlight, callsInFlight);
    await sleep(2);
    callsInFlight -= 1;
    return {};
  });
});

async function runBatch(size: number, concurrency?: number) {
  let inFlight = 0;
  let max = 0;
  const started: number[] = [];
  const handler = callbackHandler(
    async (input: number) => {
      started.push(input);
      inFlight += 1;
      max = Math.max(max, inFlight);
      await sleep(2);
      inFlight -= 1;
      return input;
    },
    concurrency ? { concurrency } : {},
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
    expect(successInputs()).toHaveLength(35);
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
