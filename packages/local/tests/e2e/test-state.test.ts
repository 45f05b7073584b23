/**
 * TestState over HTTP, as people's tools send it: the SDKs and the AWS CLI put a `sync-`
 * host prefix before the endpoint's host (`sync-127.0.0.1`, which does not resolve). The JS
 * SDK reaches a local endpoint with `disableHostPrefix: true`, the AWS CLI with
 * `AWS_DISABLE_HOST_PREFIX_INJECTION=true`; without them both fail to connect.
 */
import { type SFNClient, TestStateCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsCliResult, awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion, type ServeProcess, startServe } from '../support/serve-process.js';
import { localClient } from '../support/sfn-client.js';

const AWS_CLI = awsCliVersion();
const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';

const PASS = JSON.stringify({
  Type: 'Pass',
  Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' },
  End: true,
});
const LAMBDA = JSON.stringify({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'f', 'Payload.$': '$' },
  ResultSelector: { 'body.$': '$.Payload.body' },
  Next: 'After',
});

describe('TestState over HTTP', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;

  beforeAll(async () => {
    serve = await startServe([]);
    sfn = localClient(serve.endpointUrl, { disableHostPrefix: true });
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  it('the JS SDK with disableHostPrefix: a Pass state at DEBUG, with its inspection data', async () => {
    const answer = await sfn.send(
      new TestStateCommand({ definition: PASS, input: '{"n":21}', inspectionLevel: 'DEBUG' }),
    );
    expect(answer.status).toBe('SUCCEEDED');
    expect(JSON.parse(answer.output as string)).toEqual({ doubled: 42 });
    expect(answer.inspectionData?.afterParameters).toBe('{"doubled":42}');
  });

  it('a Task state with a mocked result, and with a mocked error', async () => {
    const ok = await sfn.send(
      new TestStateCommand({
        definition: LAMBDA,
        input: '{}',
        mock: { result: '{"Payload":{"body":"hi"}}', fieldValidationMode: 'NONE' },
      }),
    );
    expect(ok).toMatchObject({ status: 'SUCCEEDED', nextState: 'After' });
    expect(JSON.parse(ok.output as string)).toEqual({ body: 'hi' });
    const failed = await sfn.send(
      new TestStateCommand({
        definition: LAMBDA,
        mock: { errorOutput: { error: 'Lambda.ServiceException', cause: 'down' } },
      }),
    );
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'Lambda.ServiceException',
      cause: 'down',
    });
  });

  it('refuses malformed requests with AWS errors', async () => {
    const refusal = (input: object) =>
      sfn.send(new TestStateCommand(input as never)).then(
        () => undefined,
        (error: Error) => ({ name: error.name, message: error.message }),
      );
    expect(await refusal({ definition: PASS, inspectionLevel: 'LOUD' })).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value 'LOUD' at 'inspectionLevel' failed to satisfy constraint: Member must satisfy enum value set: [INFO, DEBUG, TRACE]",
    });
    expect(
      (await refusal({ definition: LAMBDA, mock: { result: '{}', errorOutput: { error: 'E' } } }))
        ?.name,
    ).toBe('ValidationException');
    expect((await refusal({ definition: LAMBDA }))?.message).toBe(
      'RoleArn must be specified when testing a Task state',
    );
    const raw = await fetch(serve.endpointUrl, {
      method: 'POST',
      headers: {
        'X-Amz-Target': 'AWSStepFunctions.TestState',
        'Content-Type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({ definition: PASS, mock: 'yes' }),
    });
    expect(raw.status).toBe(400);
    expect(((await raw.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );
  });

  it('the JS SDK without disableHostPrefix sends TestState to sync-127.0.0.1, which does not resolve', async () => {
    const prefixed = localClient(serve.endpointUrl);
    try {
      await expect(
        prefixed.send(new TestStateCommand({ definition: PASS, roleArn: ROLE })),
      ).rejects.toThrow(/sync-127\.0\.0\.1/);
    } finally {
      prefixed.destroy();
    }
  });

  describe.skipIf(!AWS_CLI)(`the AWS CLI (${AWS_CLI ?? 'absent'})`, () => {
    const aws = (extraEnv: Record<string, string>, ...args: string[]): Promise<AwsCliResult> =>
      awsStepFunctions(serve.endpointUrl, args, { AWS_MAX_ATTEMPTS: '1', ...extraEnv });

    it('test-state works with AWS_DISABLE_HOST_PREFIX_INJECTION=true, with and without a mock', async () => {
      const env = { AWS_DISABLE_HOST_PREFIX_INJECTION: 'true' };
      const [plain, mocked] = await Promise.all([
        aws(env, 'test-state', '--definition', PASS, '--input', '{"n":2}'),
        aws(
          env,
          'test-state',
          '--definition',
          LAMBDA,
          '--mock',
          JSON.stringify({ result: '{"Payload":{"body":"cli"}}', fieldValidationMode: 'NONE' }),
        ),
      ]);
      expect(plain).toMatchObject({
        ok: true,
        json: { status: 'SUCCEEDED', output: '{"doubled":4}' },
      });
      expect(mocked).toMatchObject({ ok: true, json: { status: 'SUCCEEDED', nextState: 'After' } });
    });

    it('without it, the CLI tries sync-127.0.0.1 and cannot connect', async () => {
      const refused = await aws({}, 'test-state', '--definition', PASS);
      expect(refused.ok).toBe(false);
      expect(refused.error).toContain('sync-127.0.0.1');
    });
  });
});
