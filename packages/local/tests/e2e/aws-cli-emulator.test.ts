/**
 * The real AWS CLI against `serve` with no app and Step Functions Local's mock file, as a
 * Step Functions Local user drives it: create-state-machine, start-execution with
 * `<arn>#<TestCase>`, get-execution-history, validate-state-machine-definition.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AwsCliResult, awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion, type ServeProcess, startServe } from '../support/serve-process.js';

const AWS_CLI = awsCliVersion();
if (!AWS_CLI) {
  console.warn(
    '\n*** The AWS CLI (`aws`) is not on the PATH: the AWS CLI emulator tests of @sfn-callback/local are SKIPPED. ***\n',
  );
}
const fixture = (name: string) =>
  fileURLToPath(new URL(`../fixtures/mock-config/${name}`, import.meta.url));

describe.skipIf(!AWS_CLI)(
  `the AWS CLI against serve --mock-config (${AWS_CLI ?? 'absent'})`,
  () => {
    let serve: ServeProcess;

    const aws = (...args: string[]): Promise<AwsCliResult> =>
      awsStepFunctions(serve.endpointUrl, args);

    beforeAll(async () => {
      serve = await startServe(['--mock-config', fixture('aws-docs-MockConfigFile.json')]);
    });

    afterAll(async () => {
      if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    });

    it('create → start #HappyPath → history; a broken definition fails validation', async () => {
      const [created, validated] = await Promise.all([
        aws(
          'create-state-machine',
          '--name',
          'LambdaSQSIntegration',
          '--role-arn',
          'arn:aws:iam::012345678901:role/DummyRole',
          '--definition',
          readFileSync(fixture('lambda-sqs-integration.asl.json'), 'utf8'),
        ),
        aws(
          'validate-state-machine-definition',
          '--definition',
          '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}',
        ),
      ]);
      expect(validated.json).toMatchObject({
        result: 'FAIL',
        diagnostics: [
          { severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', location: '/States/A/Next' },
          {},
        ],
      });
      const arn = created.json.stateMachineArn as string;
      expect(arn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:LambdaSQSIntegration');

      const started = await aws(
        'start-execution',
        '--state-machine-arn',
        `${arn}#HappyPath`,
        '--name',
        'happy',
      );
      expect(started.json.executionArn).toBe(
        'arn:aws:states:us-east-1:000000000000:execution:LambdaSQSIntegration:happy',
      );
      let last: { type: string } | undefined;
      for (let attempt = 0; attempt < 10 && last?.type !== 'ExecutionSucceeded'; attempt++) {
        const history = await aws(
          'get-execution-history',
          '--execution-arn',
          started.json.executionArn,
        );
        last = history.json?.events?.at(-1);
      }
      expect(last?.type).toBe('ExecutionSucceeded');

      const duplicate = await aws(
        'create-state-machine',
        '--name',
        'LambdaSQSIntegration',
        '--role-arn',
        'arn:aws:iam::012345678901:role/DummyRole',
        '--definition',
        '{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}',
      );
      expect(duplicate.error).toContain('(StateMachineAlreadyExists)');
    });
  },
);
