import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { RetryableError } from '../../src/index.js';
import { handlerWithTestDefaults } from '../support/handler-with-test-defaults.js';
import { makeContext } from '../support/lambda-context.js';
import { makeEvent, makeFifoRecord, makeToken } from '../support/sqs-records.js';
import { mockStepFunctions, serviceError } from '../support/step-functions-mock.js';
import { sleep } from '../support/time.js';

const { client: sfn, mock: sfnMock } = mockStepFunctions();
const callbackHandler = handlerWithTestDefaults(sfn);

describe('FIFO queues', () => {
  it('runs the records of one message group in order, one at a time; groups run side by side', async () => {
    const log: string[] = [];
    const inFlight = new Map<string, number>();
    let maxPerGroup = 0;
    let maxOverall = 0;
    const records = [
      makeFifoRecord(makeToken(), 'A1', 'A'),
      makeFifoRecord(makeToken(), 'B1', 'B'),
      makeFifoRecord(makeToken(), 'A2', 'A'),
      makeFifoRecord(makeToken(), 'A3', 'A'),
      makeFifoRecord(makeToken(), 'B2', 'B'),
    ];
    const handler = callbackHandler(async (input: string) => {
      const group = input[0] as string;
      inFlight.set(group, (inFlight.get(group) ?? 0) + 1);
      maxPerGroup = Math.max(maxPerGroup, inFlight.get(group) ?? 0);
      maxOverall = Math.max(
        maxOverall,
        [...inFlight.values()].reduce((a, b) => a + b, 0),
      );
      log.push(`start ${input}`);
      await sleep(1);
      log.push(`end ${input}`);
      inFlight.set(group, (inFlight.get(group) ?? 0) - 1);
      return input;
    });
    const response = await handler(makeEvent(records), makeContext());
    expect(response).toEqual({ batchItemFailures: [] });
    const groupA = log.filter((line) => line.includes('A'));
    expect(groupA).toEqual(['start A1', 'end A1', 'start A2', 'end A2', 'start A3', 'end A3']);
    expect(log.filter((line) => line.includes('B'))).toEqual([
      'start B1',
      'end B1',
      'start B2',
      'end B2',
    ]);
    expect(maxPerGroup).toBe(1);
    expect(maxOverall).toBe(2);
  });

  it('after a record to redeliver, the rest of its group is not run and is reported; other groups go on', async () => {
    const ran: string[] = [];
    const records = [
      makeFifoRecord(makeToken(), 'A1', 'A'),
      makeFifoRecord(makeToken(), 'A2', 'A'),
      makeFifoRecord(makeToken(), 'B1', 'B'),
      makeFifoRecord(makeToken(), 'A3', 'A'),
      makeFifoRecord(makeToken(), 'B2', 'B'),
      makeFifoRecord(makeToken(), 'A4', 'A'),
    ];
    const handler = callbackHandler(async (input: string) => {
      ran.push(input);
      if (input === 'A2') throw new RetryableError('not yet');
      return input;
    });
    const response = await handler(makeEvent(records), makeContext());
    expect(ran.sort()).toEqual(['A1', 'A2', 'B1', 'B2']);
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(
      [records[1], records[3], records[5]].map((record) => record?.messageId),
    );
  });

  it('a throttled SendTaskSuccess blocks the rest of its group too', async () => {
    sfnMock.on(SendTaskSuccessCommand).callsFake(async (input: { output?: string }) => {
      if (input.output === '"A1"') throw serviceError('ThrottlingException');
      return {};
    });
    const records = [
      makeFifoRecord(makeToken(), 'A1', 'A'),
      makeFifoRecord(makeToken(), 'A2', 'A'),
    ];
    const ran: string[] = [];
    const handler = callbackHandler(async (input: string) => {
      ran.push(input);
      return input;
    });
    const response = await handler(makeEvent(records), makeContext());
    expect(ran).toEqual(['A1']);
    expect(response.batchItemFailures).toHaveLength(2);
  });

  it('a failed task (SendTaskFailure delivered) is done and does not block its group', async () => {
    const records = [
      makeFifoRecord(makeToken(), 'A1', 'A'),
      makeFifoRecord(makeToken(), 'A2', 'A'),
    ];
    const ran: string[] = [];
    const handler = callbackHandler(async (input: string) => {
      ran.push(input);
      if (input === 'A1') throw new Error('rejected by rule');
      return input;
    });
    const response = await handler(makeEvent(records), makeContext());
    expect(ran).toEqual(['A1', 'A2']);
    expect(response).toEqual({ batchItemFailures: [] });
  });

  it('with fifo: false, records of a group run concurrently', async () => {
    let inFlight = 0;
    let max = 0;
    const records = [1, 2, 3].map((i) => makeFifoRecord(makeToken(), i, 'A'));
    const handler = callbackHandler(
      async () => {
        inFlight += 1;
        max = Math.max(max, inFlight);
        await sleep(1);
        inFlight -= 1;
      },
      { fifo: false },
    );
    await handler(makeEvent(records), makeContext());
    expect(max).toBe(3);
  });
});
