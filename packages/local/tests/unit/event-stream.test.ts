import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { ConsoleSource } from '../../src/console/console-source.js';
import { EventStream } from '../../src/console/event-stream.js';
import { FunctionLog } from '../../src/console/function-log.js';

describe('EventStream', () => {
  it('reads the runner only while a page is connected', async () => {
    let reads = 0;
    const source = {
      model: { stackName: 'S', region: 'us-east-1' },
      queues: new Map(),
      topics: new Map(),
      executions: () => {
        reads += 1;
        return [];
      },
      describeExecution: () => undefined,
      pendingTasks: () => [],
      activityWork: () => ({ tasks: [], polls: [] }),
    } as unknown as ConsoleSource;
    const stream = new EventStream(source, new FunctionLog());
    const server = createServer((request, response) =>
      stream.connect(request, response, new URL(request.url ?? '/', 'http://localhost')),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const controller = new AbortController();
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('retry: 1000');
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(stream.clientCount).toBe(1);
      expect(reads).toBeGreaterThanOrEqual(3); // polled every 200 ms while connected
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(stream.clientCount).toBe(0);
      const after = reads;
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(reads).toBe(after); // and not at all once the page is gone
    } finally {
      stream.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('EventStream activities', () => {
  it('sends the activities to a page that asks, again only when their work changes', async () => {
    const arn = 'arn:aws:states:us-east-1:000000000000:activity:a';
    let polls: { activityArn: string; workerName: string; polledAt: number; answersAt: number }[] =
      [];
    let now = 1000;
    const source = {
      model: { stackName: 'S', region: 'us-east-1', stateMachines: [] },
      queues: new Map(),
      topics: new Map(),
      // The time moves on every read: that alone is no change worth sending.
      time: { now: () => (now += 10) },
      executions: () => [],
      describeExecution: () => undefined,
      pendingTasks: () => [],
      activities: () => [{ arn, name: 'a', creationDate: new Date(0) }],
      activityWork: () => ({ tasks: [], polls }),
    } as unknown as ConsoleSource;
    const stream = new EventStream(source, new FunctionLog());
    const server = createServer((request, response) =>
      stream.connect(request, response, new URL(request.url ?? '/', 'http://localhost')),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const controller = new AbortController();
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const response = await fetch(`${base}/?activities`, { signal: controller.signal });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      // One read in flight at a time: a read that lost a race still gets the next chunk.
      let reading: ReturnType<typeof reader.read> | undefined;
      const readFor = async (ms: number) => {
        const until = Date.now() + ms;
        while (Date.now() < until) {
          reading ??= reader.read();
          const chunk = await Promise.race([
            reading,
            new Promise<undefined>((resolve) =>
              setTimeout(() => resolve(undefined), until - Date.now()),
            ),
          ]);
          if (chunk === undefined) continue;
          reading = undefined;
          if (chunk.value) text += new TextDecoder().decode(chunk.value);
        }
      };
      const activityEvents = () =>
        text
          .split('\n\n')
          .filter((message) => message.startsWith('event: activities'))
          .map((message) => JSON.parse(message.slice(message.indexOf('data: ') + 6)));
      await readFor(700);
      expect(activityEvents()).toHaveLength(1);
      expect(activityEvents()[0].activities[0]).toMatchObject({ name: 'a', polls: [] });
      polls = [{ activityArn: arn, workerName: 'w', polledAt: 5, answersAt: 6 }];
      await readFor(500);
      expect(activityEvents()).toHaveLength(2);
      expect(activityEvents()[1].activities[0].polls).toEqual([
        { workerName: 'w', polledAt: 5, answersAt: 6 },
      ]);
      // A page that did not ask gets no activities.
      const other = await fetch(base, { signal: controller.signal });
      const first = new TextDecoder().decode(
        (await (other.body as ReadableStream<Uint8Array>).getReader().read()).value,
      );
      expect(first).not.toContain('event: activities');
    } finally {
      controller.abort();
      stream.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
