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
