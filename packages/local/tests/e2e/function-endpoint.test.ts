import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

describe('functionEndpointUrl: the functions reach the endpoint through something else', () => {
  let runner: LocalRunner;
  let proxy: Server;
  let target = '';
  const targets: string[] = [];

  beforeAll(async () => {
    // A pass-through proxy that records the operations it forwards.
    proxy = createServer((req, res) => {
      targets.push(String(req.headers['x-amz-target']));
      const upstream = request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    runner = await LocalRunner.start({
      assembly: await synthFixture(),
      functionEndpointUrl: proxyUrl,
    });
    target = runner.endpointUrl;
  });

  afterAll(async () => {
    await runner?.close();
    await new Promise((resolve) => proxy?.close(resolve));
    removeFixtures();
  });

  it('gives the functions that URL as AWS_ENDPOINT_URL_SFN, and their calls go through it', async () => {
    const worker = runner.function('Worker11F36D0F');
    expect(worker.environment.AWS_ENDPOINT_URL_SFN).not.toBe(runner.endpointUrl);
    expect(worker.environment.AWS_ENDPOINT_URL_SFN).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const execution = await runner.runExecution({ order: 1 });

    expect(execution.status).toBe('SUCCEEDED');
    expect(targets).toEqual(['AWSStepFunctions.SendTaskSuccess']);
  });
});
