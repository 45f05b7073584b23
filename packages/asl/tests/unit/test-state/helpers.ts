import {
  type TestStateOptions,
  type TestStateRequest,
  TestStateRequestError,
  type TestStateResponse,
  testState,
  VirtualClock,
} from '../../../src/index.js';

export const ROLE = 'arn:aws:iam::111111111111:role/sfn-test-role';

let seed = 0;
/** Deterministic options: a virtual clock and counting UUIDs. */
export function options(extra: Partial<TestStateOptions> = {}): TestStateOptions {
  return {
    clock: new VirtualClock(Date.parse('2025-01-15T10:30:00Z')),
    random: { next: () => 0.5, uuid: () => `uuid-${++seed}` },
    accountId: '111111111111',
    ...extra,
  };
}

export function run(
  request: TestStateRequest,
  extra: Partial<TestStateOptions> = {},
): Promise<TestStateResponse> {
  return testState(request, options(extra));
}

/** The JSON-text fields of a response, parsed. */
export function parsed(response: TestStateResponse): Record<string, unknown> {
  const parse = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);
  const data = response.inspectionData
    ? Object.fromEntries(
        Object.entries(response.inspectionData).map(([key, value]) => [
          key,
          key === 'errorDetails' ? value : parse(value),
        ]),
      )
    : undefined;
  return {
    ...response,
    ...(response.output !== undefined ? { output: JSON.parse(response.output) } : {}),
    ...(data ? { inspectionData: data } : {}),
  };
}

/** The refusal of a request: its code and message. */
export async function refusal(
  request: TestStateRequest,
  extra: Partial<TestStateOptions> = {},
): Promise<{ code: string; message: string }> {
  try {
    await run(request, extra);
  } catch (error) {
    if (error instanceof TestStateRequestError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('the request was not refused');
}
