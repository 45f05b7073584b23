import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  SFNServiceException,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeStepFunctions } from '../src/index.ts';

// The fake answers as the service does (DESIGN.md's API facts table), seen through the
// real SDK: the error name each case gets.

const TOKEN = `AQCEAAAAKgAAAAMAAAAA${'f'.repeat(200)}`;
let endpoint: FakeStepFunctions;
let sfn: SFNClient;

beforeAll(async () => {
  endpoint = await FakeStepFunctions.start();
  sfn = new SFNClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
});
afterAll(() => endpoint.stop());
beforeEach(() => endpoint.reset());

/** The SDK error name of a call, or 'ok'. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    if (!(error instanceof SFNServiceException)) throw error;
    return error.name;
  }
}
const success = (taskToken: string, output = '{}') =>
  sfn.send(new SendTaskSuccessCommand({ taskToken, output }));

describe('FakeStepFunctions answers as the service', () => {
  it('an open task: success closes it; a second success gets TaskTimedOut', async () => {
    endpoint.openTask(TOKEN);
    expect(await outcome(success(TOKEN))).toBe('ok');
    expect(endpoint.tasks.get(TOKEN)).toBe('succeeded');
    expect(await outcome(success(TOKEN))).toBe('TaskTimedOut');
  });

  it('failure closes the task; a heartbeat after it gets TaskTimedOut', async () => {
    endpoint.openTask(TOKEN);
    expect(await outcome(sfn.send(new SendTaskFailureCommand({ taskToken: TOKEN })))).toBe('ok');
    expect(endpoint.tasks.get(TOKEN)).toBe('failed');
    expect(await outcome(sfn.send(new SendTaskHeartbeatCommand({ taskToken: TOKEN })))).toBe(
      'TaskTimedOut',
    );
  });

  it('a heartbeat keeps the task open; a timed-out task gets TaskTimedOut', async () => {
    endpoint.openTask(TOKEN);
    expect(await outcome(sfn.send(new SendTaskHeartbeatCommand({ taskToken: TOKEN })))).toBe('ok');
    expect(endpoint.tasks.get(TOKEN)).toBe('open');
    endpoint.timeOut(TOKEN);
    expect(await outcome(success(TOKEN))).toBe('TaskTimedOut');
  });

  it('a token never issued gets InvalidToken (not TaskDoesNotExist)', async () => {
    expect(await outcome(success(TOKEN))).toBe('InvalidToken');
  });

  it('output that is not JSON gets InvalidOutput, and the task stays open', async () => {
    endpoint.openTask(TOKEN);
    expect(await outcome(success(TOKEN, 'not json'))).toBe('InvalidOutput');
    expect(endpoint.tasks.get(TOKEN)).toBe('open');
  });

  it('members over their limits get ValidationException', async () => {
    endpoint.openTask(TOKEN);
    expect(await outcome(success(TOKEN, JSON.stringify('é'.repeat(131_072))))).toBe(
      'ValidationException',
    );
    expect(await outcome(success('x'.repeat(2049)))).toBe('ValidationException');
    expect(
      await outcome(
        sfn.send(new SendTaskFailureCommand({ taskToken: TOKEN, error: 'e'.repeat(257) })),
      ),
    ).toBe('ValidationException');
    expect(
      await outcome(
        sfn.send(new SendTaskFailureCommand({ taskToken: TOKEN, cause: 'c'.repeat(32_769) })),
      ),
    ).toBe('ValidationException');
    expect(endpoint.tasks.get(TOKEN)).toBe('open');
  });

  it('scripted faults come first, for the next requests or for one token', async () => {
    endpoint.openTask(TOKEN);
    endpoint.answerNext({
      status: 400,
      errorType: 'ThrottlingException',
      message: 'Rate exceeded',
    });
    endpoint.script(TOKEN, { status: 400, errorType: 'TaskDoesNotExist', message: 'gone' });
    expect(await outcome(success(TOKEN))).toBe('ThrottlingException');
    expect(await outcome(success(TOKEN))).toBe('TaskDoesNotExist');
    expect(await outcome(success(TOKEN))).toBe('ok');
  });

  it('errors carry the wire shape: __type with the namespace, x-amzn-errortype', async () => {
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.SendTaskSuccess',
      },
      body: JSON.stringify({ taskToken: TOKEN, output: '{}' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidToken');
    expect(await response.json()).toEqual({
      __type: 'com.amazonaws.sfn#InvalidToken',
      message: 'Invalid Token',
    });
    const unknown = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSStepFunctions.DeleteEverything' },
      body: '{}',
    });
    expect(((await unknown.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#UnknownOperationException',
    );
  });
});
