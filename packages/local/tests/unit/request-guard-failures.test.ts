/**
 * Nothing one request carries ends the server: an unreadable target, a malformed cookie, a
 * body nested past the bound, a route that throws (at once or later) and a response stream
 * that fails are each answered or refused for that request alone, with one stderr line that
 * never holds a task token whole; the next request is answered as usual.
 */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRoute } from '../../src/http/http-route.js';
import { MAX_JSON_DEPTH } from '../../src/http/json-depth.js';
import { setInternalFailureSink } from '../../src/http/report-internal-failure.js';
import { RequestGuard, readCookie } from '../../src/http/request-guard.js';
import { SfnApiServer } from '../../src/http/sfn-api-server.js';

const TOKEN = 'AQCLocal0abc.c2VjcmV0LXBhcnQtb25l.c2VjcmV0LXBhcnQtdHdv';

/** A route for each way a handler can fail. */
const failing: HttpRoute = {
  access: (url) => (url.pathname.startsWith('/fail/') ? 'public' : undefined),
  handle: (_request, response, url) => {
    switch (url.pathname) {
      case '/fail/sync':
        throw new Error(`sync failure with ${TOKEN}`);
      case '/fail/async':
        return Promise.reject(new Error('async failure'));
      case '/fail/after-headers':
        response.writeHead(200, { 'Content-Type': 'text/plain' });
        response.write('partial');
        throw new Error('failed mid-response');
      case '/fail/stream':
        response.writeHead(200);
        response.emit('error', new Error('stream error'));
        return;
      default:
        response.end('ok');
    }
  },
};

describe('SfnApiServer: one request never ends the server', () => {
  const guard = new RequestGuard('s3cr3t');
  const server = new SfnApiServer({ Echo: (input) => ({ got: input }) }, guard);
  server.mount(failing);
  let url: string;
  let port: number;
  const lines: string[] = [];
  let previousSink: ((line: string) => void) | undefined;

  beforeAll(async () => {
    url = await server.listen();
    port = Number(new URL(url).port);
    previousSink = setInternalFailureSink((line) => lines.push(line));
  });
  afterAll(async () => {
    if (previousSink) setInternalFailureSink(previousSink);
    await server.close();
  });
  afterEach(() => {
    lines.length = 0;
  });

  /** A request with the target exactly as given (fetch would normalise it). */
  const raw = (
    target: string,
    headers: Record<string, string> = {},
    method = 'GET',
  ): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: target, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  const stillAnswers = async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSStepFunctions.Echo' },
      body: '{"a":1}',
    });
    expect(await response.json()).toEqual({ got: { a: 1 } });
  };

  it.each(['//', '//evil.example/x', '///', 'http://127.0.0.1/console/'])(
    'GET %s: answered, no crash',
    async (target) => {
      const answer = await raw(target);
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(500);
      await stillAnswers();
    },
  );

  it('a request target it cannot read (OPTIONS *, a bare word) is a 400', async () => {
    const star = await raw('*', {}, 'OPTIONS');
    expect(star.status).toBe(400);
    expect(JSON.parse(star.body)).toMatchObject({
      __type: 'com.amazon.coral.service#UnknownOperationException',
    });
    // Node's parser refuses this one before the server sees it.
    expect((await raw('nonsense')).status).toBe(400);
    await stillAnswers();
  });

  it('a malformed console cookie is no secret: a 403, not a crash', async () => {
    const answer = await fetch(url, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSStepFunctions.Echo',
        Origin: url,
        Cookie: `${guard.cookieName(port)}=%E0%A4%A`,
      },
      body: '{}',
    });
    expect(answer.status).toBe(403);
    expect(readCookie(`${guard.cookieName(port)}=%E0%A4%A`, guard.cookieName(port))).toBe(
      undefined,
    );
    await stillAnswers();
  });

  it('a route that throws is a 500 InternalFailure and one stderr line, token redacted', async () => {
    const answer = await raw('/fail/sync');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({
      __type: 'com.amazonaws.sfn#InternalFailure',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('GET "/fail/sync"');
    expect(lines[0]).toContain('sync failure');
    expect(lines[0]).not.toContain(TOKEN);
    await stillAnswers();
  });

  it('a route whose promise rejects is a 500 too', async () => {
    const answer = await raw('/fail/async');
    expect(answer.status).toBe(500);
    expect(lines.join('\n')).toContain('async failure');
    await stillAnswers();
  });

  it('a failure after the headers went ends that response only', async () => {
    await raw('/fail/after-headers').catch(() => undefined);
    expect(lines.join('\n')).toContain('failed mid-response');
    await raw('/fail/stream').catch(() => undefined);
    expect(lines.join('\n')).toContain('stream error');
    await stillAnswers();
  });

  it('never logs the query (it may carry the console secret)', async () => {
    await raw('/fail/sync?secret=s3cr3t');
    expect(lines.join('\n')).not.toContain('s3cr3t');
  });

  it(`a body nested deeper than ${MAX_JSON_DEPTH} levels is a SerializationException; at the bound it is read`, async () => {
    const post = (body: string) =>
      fetch(url, { method: 'POST', headers: { 'X-Amz-Target': 'AWSStepFunctions.Echo' }, body });
    const nest = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    const atBound = await post(nest(MAX_JSON_DEPTH));
    expect(atBound.status).toBe(200);
    for (const depth of [MAX_JSON_DEPTH + 1, 100_000]) {
      const refused = await post(nest(depth));
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { __type: string }).__type).toBe(
        'com.amazon.coral.service#SerializationException',
      );
    }
    expect(lines).toEqual([]);
    await stillAnswers();
  });

  it('a client that goes away mid-body is no internal failure (found by the fuzz test)', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions.Echo\r\nContent-Length: 100\r\n\r\n{"a":',
        );
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([]);
    await stillAnswers();
  });

  it('a request line that is not HTTP closes that connection only', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET /\u0000 HTTP/1.1\r\nHost: \u00ff\r\n\r\n');
      });
      socket.on('data', () => socket.destroy());
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await stillAnswers();
  });
});
