/** An SDK client for a local endpoint, and the polling a test suite does with it. */
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
} from '@aws-sdk/client-sfn';

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** `new SFNClient` for `endpoint`, with dummy credentials (the endpoint does not check them). */
export function localClient(
  endpoint: string,
  options: { disableHostPrefix?: boolean } = {},
): SFNClient {
  return new SFNClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...options,
  });
}

/** Polls DescribeExecution until the execution's status is terminal. */
export async function waitForEnd(
  sfn: SFNClient,
  executionArn: string,
  timeoutMs = 20_000,
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (TERMINAL.has(described.status ?? '')) return described;
    if (Date.now() > deadline) throw new Error(`${executionArn} still ${described.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The whole history (every page). */
export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, ...(nextToken ? { nextToken } : {}) }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Waits until the execution has recorded an event of `type`; returns it. */
export async function waitForEvent(
  sfn: SFNClient,
  executionArn: string,
  type: string,
  timeoutMs = 10_000,
): Promise<HistoryEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await historyOf(sfn, executionArn)).find((e) => e.type === type);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`${executionArn} has no ${type} event`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
