import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach } from 'vitest';

/** An SFNClient that never reaches AWS (to be mocked). */
export function offlineSfnClient(): SFNClient {
  return new SFNClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

/** An SDK service error shaped as the SDK throws it. */
export function serviceError(name: string, status = 400): Error {
  const error = new Error(`${name}: answered by the test`) as Error & Record<string, unknown>;
  error.name = name;
  error.$fault = status >= 500 ? 'server' : 'client';
  error.$metadata = { httpStatusCode: status };
  return error;
}

/**
 * A mocked Step Functions for the tests of one file. Before each test its calls are
 * forgotten and `SendTaskSuccess`, `SendTaskFailure` and `SendTaskHeartbeat` answer `{}`
 * (the task was open); a test answers otherwise with `mock.on(…)`.
 */
export function mockStepFunctions() {
  const client = offlineSfnClient();
  const mock = mockClient(client);
  beforeEach(() => {
    mock.reset();
    mock.on(SendTaskSuccessCommand).resolves({});
    mock.on(SendTaskFailureCommand).resolves({});
    mock.on(SendTaskHeartbeatCommand).resolves({});
  });
  return {
    client,
    mock,
    /** The input of each `SendTaskSuccess` call, in call order. */
    successInputs: () => mock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input),
    /** The input of each `SendTaskFailure` call, in call order. */
    failureInputs: () => mock.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input),
    /** The input of each `SendTaskHeartbeat` call, in call order. */
    heartbeatInputs: () => mock.commandCalls(SendTaskHeartbeatCommand).map((c) => c.args[0].input),
  };
}
