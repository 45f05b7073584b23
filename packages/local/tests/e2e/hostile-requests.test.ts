/**
 * `serve` attacked as a hostile web page and a careless user would, one live CLI process for
 * the file: every case that ever took it down is kept here by name (`GET //`, the malformed
 * console cookie, input nested 10,000 deep), with the AWS limits at and past their bounds
 * (80-character names, 256 KiB input, 1 MiB definitions), the input kept as the client sent
 * it, and after each case the endpoint still answers.
 */
import { request as httpRequest } from 'node:http';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { localClient, waitForEnd } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::000000000000:role/r';
const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const nest = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

interface Answer {
  readonly status: number;
  readonly body: { __type?: string; message?: string } & Record<string, unknown>;
}

describe('serve under hostile and careless requests', () => {
  let serve: ServeProcess;
  let port: number;
  let machineArn: string;

  const call = async (target: string, body: unknown): Promise<Answer> => {
    const response = await fetch(serve.endpointUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${target}`,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };
  const errorOf = async (target: string, body: unknown) => {
    const answer = await call(target, body);
    return { status: answer.status, type: answer.body.__type?.split('#')[1] };
  };
  const raw = (
    target: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: string }> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: target, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  const alive = async () => {
    expect((await call('ListStateMachines', {})).status).toBe(200);
    expect(serve.child.exitCode).toBeNull();
  };

  beforeAll(async () => {
    serve = await startServe([]);
    port = Number(new URL(serve.endpointUrl).port);
    const created = await call('CreateStateMachine', {
      name: 'Echo',
      roleArn: ROLE,
      definition: PASS,
    });
    machineArn = created.body.stateMachineArn as string;
  });
  afterAll(async () => {
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  describe('regressions: requests that used to end the process', () => {
    it('GET // (an <img> on any page can send it)', async () => {
      const answer = await raw('//');
      expect(answer.status).toBeLessThan(500);
      await alive();
    });

    it('GET //host/path and an absolute-form target', async () => {
      expect((await raw('//evil.example/console/')).status).toBeLessThan(500);
      expect((await raw('http://evil.example/console/')).status).toBe(200);
      await alive();
    });

    it('a malformed console cookie (sfn_console_<port>=%E0%A4%A), set by a page on another port', async () => {
      for (const path of ['/console/api/counts', '/']) {
        const answer = await raw(path, {
          Cookie: `sfn_console_${port}=%E0%A4%A`,
          'Sec-Fetch-Site': 'same-origin',
        });
        expect(answer.status).toBe(path === '/' ? 302 : 403);
      }
      const api = await fetch(serve.endpointUrl, {
        method: 'POST',
        headers: {
          'X-Amz-Target': 'AWSStepFunctions.ListStateMachines',
          Origin: serve.endpointUrl,
          Cookie: `sfn_console_${port}=%E0%A4%A; other=%`,
        },
        body: '{}',
      });
      expect(api.status).toBe(403);
      await alive();
    });

    it("StartExecution's input nested 10,000 deep is AWS's InvalidExecutionInput (was a 500)", async () => {
      const answer = await call('StartExecution', {
        stateMachineArn: machineArn,
        input: nest(10_000),
      });
      expect(answer.status).toBe(400);
      expect(answer.body.__type).toBe('com.amazonaws.sfn#InvalidExecutionInput');
      expect(answer.body.message).toMatch(/^Invalid State Machine Execution Input: '.*1000 levels/);
      await alive();
    });

    it('input nested 1,000 deep (the bound) runs to its end', async () => {
      const started = await call('StartExecution', {
        stateMachineArn: machineArn,
        input: nest(1000),
      });
      expect(started.status).toBe(200);
      const sfn = localClient(serve.endpointUrl);
      try {
        const ended = await waitForEnd(sfn, started.body.executionArn as string);
        expect(ended.status).toBe('SUCCEEDED');
        expect(ended.output).toBe(nest(1000));
      } finally {
        sfn.destroy();
      }
    });

    it('a request body nested 100,000 deep is a SerializationException', async () => {
      const answer = await errorOf('ListStateMachines', `{"x":${nest(100_000)}}`);
      expect(answer).toEqual({ status: 400, type: 'SerializationException' });
      await alive();
    });

    it('definitions nested past the bound: InvalidDefinition, and FAIL from ValidateStateMachineDefinition', async () => {
      const deep = PASS.replace('"Type":"Pass"', `"Type":"Pass","Result":${nest(5000)}`);
      expect(
        await errorOf('CreateStateMachine', { name: 'Deep', roleArn: ROLE, definition: deep }),
      ).toEqual({ status: 400, type: 'InvalidDefinition' });
      expect(
        await errorOf('UpdateStateMachine', { stateMachineArn: machineArn, definition: deep }),
      ).toEqual({ status: 400, type: 'InvalidDefinition' });
      const validated = await call('ValidateStateMachineDefinition', { definition: deep });
      expect(validated.body).toMatchObject({
        result: 'FAIL',
        diagnostics: [{ code: 'INVALID_JSON_DESCRIPTION' }],
      });
      await alive();
    });

    it('TestState and SendTaskSuccess refuse JSON nested past the bound', async () => {
      expect(
        await errorOf('TestState', {
          definition: JSON.stringify({ Type: 'Pass', End: true }),
          input: nest(10_000),
        }),
      ).toEqual({ status: 400, type: 'ValidationException' });
      const sent = await errorOf('SendTaskSuccess', {
        taskToken: 'AQCLocal0abc.c2VjcmV0LXBhcnQtb25l.c2VjcmV0LXBhcnQtdHdv',
        output: nest(10_000),
      });
      // The output is checked before the token is looked up, as AWS checks members first.
      expect(sent).toEqual({ status: 400, type: 'InvalidOutput' });
      await alive();
    });
  });

  describe('input and output as the client sent them', () => {
    it('DescribeExecution and ExecutionStarted keep whitespace, big numbers and 1e999', async () => {
      const input =
        '{ "id" : 12345678901234567890123,\n  "big": 1e999, "pi": 3.14159265358979323846 }';
      const started = await call('StartExecution', { stateMachineArn: machineArn, input });
      expect(started.status).toBe(200);
      const sfn = localClient(serve.endpointUrl);
      try {
        const executionArn = started.body.executionArn as string;
        const ended = await waitForEnd(sfn, executionArn);
        expect(ended.input).toBe(input);
        const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
        expect(events?.[0]?.executionStartedEventDetails?.input).toBe(input);
        // The engine computes with doubles, as AWS documents ("numbers … conform to JavaScript
        // semantics"): what passed through a state is re-serialised.
        expect(JSON.parse(ended.output as string)).toEqual({
          id: 1.2345678901234568e22,
          big: null,
          pi: Math.PI,
        });
      } finally {
        sfn.destroy();
      }
    });

    it('StartExecution with the same name and the same text is idempotent; other text is not', async () => {
      const slow = await call('CreateStateMachine', {
        name: 'Slow',
        roleArn: ROLE,
        definition: JSON.stringify({
          StartAt: 'W',
          States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
        }),
      });
      const arn = slow.body.stateMachineArn as string;
      const input = '{"a": 1}';
      const first = await call('StartExecution', { stateMachineArn: arn, name: 'same', input });
      const again = await call('StartExecution', { stateMachineArn: arn, name: 'same', input });
      expect(again.body.executionArn).toBe(first.body.executionArn);
      expect(
        await errorOf('StartExecution', { stateMachineArn: arn, name: 'same', input: '{"a":1}' }),
      ).toEqual({ status: 400, type: 'ExecutionAlreadyExists' });
      await call('StopExecution', { executionArn: first.body.executionArn });
    });
  });

  describe('names at and past AWS limits', () => {
    it.each([
      ['a'.repeat(80), undefined],
      ['😀'.repeat(80), undefined],
      ['a'.repeat(81), 'ValidationException'],
      ['😀'.repeat(81), 'ValidationException'],
      ['', 'ValidationException'],
      ['line\u2028sep', 'InvalidName'],
      ['para\u2029sep', 'InvalidName'],
      ['lone\ud800', 'InvalidName'],
      ['nbsp\u00a0', 'InvalidName'],
      ['nel\u0085', 'InvalidName'],
      ['tab\t', 'InvalidName'],
      ['del\u007f', 'InvalidName'],
      ['a<b', 'InvalidName'],
      ['a*b', 'InvalidName'],
      ['a`b', 'InvalidName'],
      ['a/b', 'InvalidName'],
      ['noncharacter\uffff', 'InvalidName'],
    ])('execution and state machine name %j: %s', async (name, expected) => {
      const execution = await errorOf('StartExecution', { stateMachineArn: machineArn, name });
      expect(execution.type).toBe(expected);
      const machine = await errorOf('CreateStateMachine', {
        name,
        roleArn: ROLE,
        definition: PASS,
      });
      expect(machine.type).toBe(expected);
      if (expected === undefined) {
        // The ARN the client was given resolves.
        const arn = `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
        expect((await call('DescribeExecution', { executionArn: arn })).status).toBe(200);
        const created = `${machineArn.slice(0, machineArn.lastIndexOf(':'))}:${name}`;
        expect((await call('DescribeStateMachine', { stateMachineArn: created })).status).toBe(200);
        await call('DeleteStateMachine', { stateMachineArn: created });
      }
    });
  });

  describe('sizes at and past AWS limits', () => {
    it('input of 256 KiB is accepted, one byte more is a ValidationException', async () => {
      const padded = (bytes: number) => `"${'x'.repeat(bytes - 2)}"`;
      const ok = await call('StartExecution', {
        stateMachineArn: machineArn,
        input: padded(262_144),
      });
      expect(ok.status).toBe(200);
      expect(
        await errorOf('StartExecution', { stateMachineArn: machineArn, input: padded(262_145) }),
      ).toEqual({ status: 400, type: 'ValidationException' });
      // Multi-byte characters count in UTF-8 bytes.
      expect(
        await errorOf('StartExecution', {
          stateMachineArn: machineArn,
          input: `"${'é'.repeat(131_072)}"`,
        }),
      ).toEqual({ status: 400, type: 'ValidationException' });
      await alive();
    });

    it('a definition of 1 MiB is accepted, one character more is a ValidationException', async () => {
      const padded = (length: number) => {
        const base = JSON.stringify({
          Comment: '',
          StartAt: 'P',
          States: { P: { Type: 'Pass', End: true } },
        });
        return base.replace('"Comment":""', `"Comment":"${'c'.repeat(length - base.length)}"`);
      };
      expect(padded(1_048_576)).toHaveLength(1_048_576);
      const ok = await call('CreateStateMachine', {
        name: 'Big',
        roleArn: ROLE,
        definition: padded(1_048_576),
      });
      expect(ok.status).toBe(200);
      expect(
        await errorOf('CreateStateMachine', {
          name: 'Bigger',
          roleArn: ROLE,
          definition: padded(1_048_577),
        }),
      ).toEqual({ status: 400, type: 'ValidationException' });
      await alive();
    });

    it('a body past the 8 MiB request limit is refused, not read whole', async () => {
      const answer = await errorOf('ListStateMachines', `{"x":"${'y'.repeat(9 * 1024 * 1024)}"}`);
      expect(answer.status).toBe(413);
      await alive();
    });
  });
});
