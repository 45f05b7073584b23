import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';

// Each refusal of the console's security, over real HTTP against a runner serving the
// console, beside the same request accepted once the refused part is put right: so each
// test fails if the check it names is missing (or if it refuses everything).

let runner: LocalRunner;
let port: number;
let secret: string;
let consoleUrl: string;

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw request: node:http lets the test set Host, Origin and Sec-Fetch-* as a browser would. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sfnCall = (operation: string, headers: Record<string, string> = {}, body = '{}') =>
  send(
    'POST',
    '/',
    {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `AWSStepFunctions.${operation}`,
      ...headers,
    },
    body,
  );

const own = () => `http://127.0.0.1:${port}`;
const cookie = () => `sfn_console_${port}=${secret}`;

beforeAll(async () => {
  runner = await LocalRunner.start({ assembly: await synthFixture(), workers: false });
  consoleUrl = runner.serveConsole();
  const url = new URL(consoleUrl);
  port = Number(url.port);
  secret = url.searchParams.get('secret') ?? '';
});

afterAll(async () => {
  await runner?.close();
  removeFixtures();
});

describe('the console URL', () => {
  it('carries a per-start secret of 32 characters, another one per runner', async () => {
    expect(consoleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/console\/\?secret=[A-Za-z0-9_-]{32}$/);
    const other = await LocalRunner.start({ assembly: await synthFixture(), workers: false });
    try {
      expect(other.serveConsole()).not.toContain(secret);
    } finally {
      await other.close();
    }
  });
});

describe('DNS rebinding: a Host that is not loopback is refused, on every endpoint', () => {
  it.each([
    ['GET', '/console/'],
    ['GET', '/console/console.js'],
    ['GET', '/console/api/pending'],
    ['POST', '/'],
  ])('%s %s with Host evil.example: 403 with a clear message', async (method, path) => {
    const refused = await send(
      method,
      path,
      { Host: `evil.example:${port}`, Cookie: cookie() },
      method === 'POST' ? '{}' : undefined,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('is not a loopback name or address');
    const accepted = await send(
      method,
      path,
      {
        Host: `localhost:${port}`,
        Cookie: cookie(),
        'X-Amz-Target': 'AWSStepFunctions.ListStateMachines',
      },
      method === 'POST' ? '{}' : undefined,
    );
    expect(accepted.status).toBe(200);
  });

  it('the SFN API refusal is an AccessDeniedException the SDKs can read', async () => {
    const refused = await sfnCall('ListStateMachines', { Host: 'attacker.test' });
    expect(refused.status).toBe(403);
    expect(refused.headers['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(JSON.parse(refused.body)).toMatchObject({
      __type: 'com.amazonaws.sfn#AccessDeniedException',
    });
  });

  it('takes 127.0.0.1, localhost and [::1], and refuses look-alikes', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
      expect((await sfnCall('ListStateMachines', { Host: host })).status).toBe(200);
    for (const host of [
      '127.0.0.1.evil.example',
      'localhost.evil.example',
      '0.0.0.0',
      '10.0.0.1',
      '192.168.1.10',
    ])
      expect((await sfnCall('ListStateMachines', { Host: host })).status).toBe(403);
  });
});

describe('cross-origin browser requests are refused, on every endpoint', () => {
  it('a foreign Origin may not start an execution through the SFN API, even with the secret', async () => {
    const machine = runner.stateMachine().arn;
    const body = JSON.stringify({ stateMachineArn: machine, name: 'from-evil' });
    const refused = await sfnCall(
      'StartExecution',
      { Origin: 'http://evil.example', Cookie: cookie() },
      body,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('cross-origin request from http://evil.example');
    expect(runner.executions().some((e) => e.name === 'from-evil')).toBe(false);
    // Another port of localhost is another origin too.
    const otherPort = await sfnCall(
      'StartExecution',
      { Origin: `http://127.0.0.1:${port + 1}`, Cookie: cookie() },
      body,
    );
    expect(otherPort.status).toBe(403);
    const accepted = await sfnCall('StartExecution', { Origin: own(), Cookie: cookie() }, body);
    expect(accepted.status).toBe(200);
    expect(runner.executions().some((e) => e.name === 'from-evil')).toBe(true);
  });

  it('Sec-Fetch-Site cross-site or same-site is refused on the console calls', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const refused = await send('GET', '/console/api/pending', {
        'Sec-Fetch-Site': site,
        Cookie: cookie(),
      });
      expect(refused.status).toBe(403);
      expect(refused.body).toContain('cross-site request');
    }
    const accepted = await send('GET', '/console/api/pending', {
      'Sec-Fetch-Site': 'same-origin',
      Cookie: cookie(),
    });
    expect(accepted.status).toBe(200);
  });
});

describe('the per-start secret', () => {
  it('the AWS CLI and SDKs (no Origin, no Sec-Fetch-*) need none for the SFN API', async () => {
    expect((await sfnCall('ListStateMachines')).status).toBe(200);
  });

  it('a browser request to the SFN API without it is refused; with its cookie or header it is taken', async () => {
    const refused = await sfnCall('ListStateMachines', { Origin: own() });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('no console secret');
    expect((await sfnCall('ListStateMachines', { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(
      403,
    );
    expect(
      (await sfnCall('ListStateMachines', { Origin: own(), Cookie: `sfn_console_${port}=wrong` }))
        .status,
    ).toBe(403);
    expect((await sfnCall('ListStateMachines', { Origin: own(), Cookie: cookie() })).status).toBe(
      200,
    );
    expect(
      (await sfnCall('ListStateMachines', { Origin: own(), 'X-Sfn-Console-Secret': secret }))
        .status,
    ).toBe(200);
  });

  it('the console-only calls need it always, browser or not', async () => {
    const refused = await send('GET', '/console/api/pending', {});
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('no console secret');
    expect(
      (await send('GET', '/console/api/pending', { 'X-Sfn-Console-Secret': secret })).status,
    ).toBe(200);
  });

  it('the URL trades it for an HttpOnly, SameSite=Strict cookie and leaves the address bar', async () => {
    const traded = await send('GET', `/console/?secret=${secret}`, {});
    expect(traded.status).toBe(303);
    expect(traded.headers.location).toBe('/console/');
    const setCookie = String(traded.headers['set-cookie']);
    expect(setCookie).toContain(`sfn_console_${port}=${secret}`);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const wrong = await send('GET', '/console/?secret=guess', {});
    expect(wrong.status).toBe(200);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });
});

describe('headers', () => {
  it('the page and its script have a strict CSP, nosniff and no framing; the page has no inline script', async () => {
    for (const path of ['/console/', '/console/console.js', '/console/api/pending']) {
      const answer = await send('GET', path, { Cookie: cookie() });
      expect(answer.status).toBe(200);
      const csp = String(answer.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-frame-options']).toBe('DENY');
    }
    const page = (await send('GET', '/console/', {})).body;
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, content] of scripts) {
      expect(attributes).toMatch(/\bsrc="\/console\//);
      expect(content?.trim()).toBe('');
    }
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).not.toMatch(/https?:\/\//);
  });

  it('the SFN API answers carry nosniff too', async () => {
    expect((await sfnCall('ListStateMachines')).headers['x-content-type-options']).toBe('nosniff');
  });
});
