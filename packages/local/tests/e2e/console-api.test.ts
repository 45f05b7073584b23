import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionLog } from '../../src/console/function-log.js';
import { LocalRunner } from '../../src/index.js';
import type { PendingCallback } from '../../src/model/console-wire.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

// The console-only calls and the live stream, over HTTP, with the workers off: the
// callback waits, and the test answers it through the Step Functions API as the page does.

const FULL_TOKEN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/;
let runner: LocalRunner;
let base: string;
let secret: string;
const log = new FunctionLog();

const consoleGet = async <T>(name: string): Promise<T> => {
  const response = await fetch(`${base}/console/api/${name}`, {
    headers: { 'X-Sfn-Console-Secret': secret },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

const sfn = async (operation: string, body: Record<string, unknown>) => {
  const response = await fetch(base, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `AWSStepFunctions.${operation}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Reads server-sent events from a stream until `done` says enough. */
async function readEvents(
  url: string,
  done: (events: { event: string; data: unknown }[]) => boolean,
): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { 'X-Sfn-Console-Secret': secret },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: unknown }[] = [];
  let buffer = '';
  try {
    while (!done(events)) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
        cut = buffer.indexOf('\n\n');
      }
    }
  } finally {
    controller.abort();
  }
  return events;
}

beforeAll(async () => {
  runner = await LocalRunner.start({
    assembly: await synthFixture({ heartbeatSeconds: 30, timeoutSeconds: 60 }),
    workers: false,
  });
  const url = new URL(runner.serveConsole({ log }));
  base = url.origin;
  secret = url.searchParams.get('secret') ?? '';
});

afterAll(async () => {
  await runner?.close();
  removeFixtures();
});

describe('pending callbacks', () => {
  it('lists the open token with its state, execution, deadlines and message; answered, it is gone', async () => {
    const before = Date.now();
    const execution = runner.startExecution({ order: 1 }, { name: 'pending-one' });
    const [pending] = await until(async () => {
      const list = await consoleGet<PendingCallback[]>('pending');
      return list.length > 0 && list[0]?.parameters ? list : undefined;
    });
    expect(pending).toMatchObject({
      executionArn: execution.executionArn,
      executionName: 'pending-one',
      stateName: 'Start Task And Wait For Callback',
      resource: 'sendMessage.waitForTaskToken',
    });
    const item = pending as PendingCallback;
    expect(item.token).toBe(execution.taskTokens[0]);
    expect(item.redactedToken).toMatch(/^AQCLoc…#[0-9a-f]{12}$/);
    expect(item.openedAt).toBeGreaterThanOrEqual(before - 1);
    expect((item.timeoutAt ?? 0) - item.openedAt).toBe(60_000);
    expect((item.heartbeatDueAt ?? 0) - item.openedAt).toBe(30_000);
    // The message as sent, its token redacted.
    expect(JSON.parse(item.parameters as string).MessageBody).toEqual({
      TaskToken: item.redactedToken,
      Input: { order: 1 },
    });
    expect(item.parameters).not.toMatch(FULL_TOKEN);

    const answered = await sfn('SendTaskSuccess', { taskToken: item.token, output: '{"ok":true}' });
    expect(answered.status).toBe(200);
    expect((await execution.done).status).toBe('SUCCEEDED');
    expect(await consoleGet<PendingCallback[]>('pending')).toEqual([]);
  });
});

describe('queues, topics and logs', () => {
  it('counts the waiting message on the queue, and shows its body with the token redacted', async () => {
    const execution = runner.startExecution({ order: 2 });
    await until(() =>
      execution.events.some((e) => e.type === 'TaskSubmitted') ? true : undefined,
    );
    const queues =
      await consoleGet<
        {
          name: string;
          visible: number;
          deadLetterQueue?: string;
          deadLetterQueueOf: string[];
          messages: { body: string }[];
        }[]
      >('queues');
    const worker = queues.find((q) => q.deadLetterQueue !== undefined);
    const dlq = queues.find((q) => q.deadLetterQueueOf.length > 0);
    expect(worker?.visible).toBeGreaterThanOrEqual(1);
    expect(dlq?.deadLetterQueueOf).toEqual([worker?.name]);
    expect(JSON.stringify(worker?.messages)).toContain('"order\\":2');
    expect(JSON.stringify(queues)).not.toMatch(FULL_TOKEN);
    runner.stopExecution(execution.executionArn);
    await execution.done;
  });

  it("shows the topic's notifications, newest first, with the state that published them", async () => {
    const topics =
      await consoleGet<{ name: string; messages: { stateName: string; message: string }[] }[]>(
        'topics',
      );
    const success = topics.find((t) => t.name.includes('SuccessTopic'));
    expect(success?.messages[0]).toMatchObject({
      stateName: 'Notify Success',
      message: 'Callback received. Task started by Step Functions succeeded.',
    });
  });

  it('keeps the log lines with tokens redacted', async () => {
    const token = runner.executions()[0]?.taskTokens[0] as string;
    log.push('Worker', `answering ${token} now`);
    const lines = await consoleGet<{ functionName: string; line: string }[]>('logs');
    expect(lines.at(-1)?.line).toMatch(/^answering AQCLoc…#[0-9a-f]{12} now$/);
    expect(JSON.stringify(lines)).not.toContain(token);
  });
});

describe('the live stream', () => {
  it("sends an execution's history as it happens, then its end, in GetExecutionHistory's shape", async () => {
    const execution = runner.startExecution({ order: 3 }, { name: 'live-one' });
    const token = await until(() =>
      runner.pendingTasks().length > 0 ? execution.taskTokens[0] : undefined,
    );
    const reading = readEvents(
      `${base}/console/api/stream?execution=${encodeURIComponent(execution.executionArn)}`,
      (events) =>
        events.some(
          (e) =>
            e.event === 'history' &&
            (e.data as { execution?: { status: string } }).execution?.status === 'SUCCEEDED',
        ),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await sfn('SendTaskSuccess', { taskToken: token, output: '{}' });
    const events = await reading;
    expect(events[0]?.event).toBe('counts');
    const history = events
      .filter((e) => e.event === 'history')
      .flatMap(
        (e) => (e.data as { events: { id: number; type: string; timestamp: number }[] }).events,
      );
    // Every event once, in order, as the API would return them.
    expect(history.map((e) => e.id)).toEqual(execution.events.map((e) => e.id));
    expect(history.map((e) => e.type)).toEqual(execution.events.map((e) => e.type));
    expect(history.at(-1)?.type).toBe('ExecutionSucceeded');
    expect(history[0]?.timestamp).toBeCloseTo(execution.startDate.getTime() / 1000, 1);
    const api = await sfn('GetExecutionHistory', { executionArn: execution.executionArn });
    expect(history).toEqual(api.body.events);
  });

  it('resumes after a given event id', async () => {
    const done = runner.executions().find((e) => e.name === 'live-one');
    const events = await readEvents(
      `${base}/console/api/stream?execution=${encodeURIComponent(done?.executionArn ?? '')}&after=5`,
      (got) => got.some((e) => e.event === 'history'),
    );
    const first = events.find((e) => e.event === 'history')?.data as { events: { id: number }[] };
    expect(first.events[0]?.id).toBe(6);
  });
});
