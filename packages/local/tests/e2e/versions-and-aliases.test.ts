/**
 * Versions and aliases over HTTP: publish on create and update and with
 * PublishStateMachineVersion (`revisionId` checked), versions listed and deleted, aliases
 * routing one or two versions by weight (drawn with the runner's injected random source),
 * executions started by version or alias ARN and named so by DescribeExecution — through the
 * JS SDK and the AWS CLI, with AWS's errors for misuse.
 */
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineVersionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  ListStateMachineAliasesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  type SFNClient,
  StartExecutionCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion } from '../support/serve-process.js';
import { localClient, waitForEnd } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const AWS_CLI = awsCliVersion();
const pass = (result: unknown) =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('versions and aliases over HTTP', () => {
  let runner: LocalRunner;
  let sfn: SFNClient;
  /** The draws the alias routing gets, in order (the runner's injected random source). */
  const draws: number[] = [];

  beforeAll(async () => {
    runner = await LocalRunner.start({ random: () => draws.shift() ?? 0 });
    sfn = localClient(runner.endpointUrl);
  });

  afterAll(async () => {
    sfn?.destroy();
    await runner?.close();
  });

  it('publish → alias → start by alias: weights route with the random source; DescribeExecution names both', async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'Orders',
        definition: pass('v1'),
        roleArn: ROLE,
        publish: true,
        versionDescription: 'first',
      }),
    );
    const arn = created.stateMachineArn as string;
    expect(created.stateMachineVersionArn).toBe(`${arn}:1`);
    // Not updated yet: no revisionId shown.
    expect(
      (await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).revisionId,
    ).toBeUndefined();

    const updated = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn: arn, definition: pass('v2') }),
    );
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }));
    expect(described.revisionId).toBe(updated.revisionId);
    expect(described.revisionId).toEqual(expect.any(String));
    // An out-of-date revisionId is refused; the current one publishes version 2.
    expect(
      await refusal(
        sfn.send(
          new PublishStateMachineVersionCommand({ stateMachineArn: arn, revisionId: 'INITIAL' }),
        ),
      ),
    ).toMatchObject({ name: 'ConflictException', message: expect.stringContaining('revisionId') });
    const v2 = await sfn.send(
      new PublishStateMachineVersionCommand({
        stateMachineArn: arn,
        revisionId: described.revisionId,
        description: 'second',
      }),
    );
    expect(v2.stateMachineVersionArn).toBe(`${arn}:2`);
    // Idempotent for the same revision.
    const again = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: arn }));
    expect(again.stateMachineVersionArn).toBe(`${arn}:2`);
    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([
      `${arn}:2`,
      `${arn}:1`,
    ]);
    const version1 = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: `${arn}:1` }),
    );
    expect(version1).toMatchObject({ definition: pass('v1'), description: 'first' });

    const alias = await sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'PROD',
        description: 'canary',
        routingConfiguration: [
          { stateMachineVersionArn: `${arn}:1`, weight: 90 },
          { stateMachineVersionArn: `${arn}:2`, weight: 10 },
        ],
      }),
    );
    expect(alias.stateMachineAliasArn).toBe(`${arn}:PROD`);
    const aliasArn = alias.stateMachineAliasArn as string;
    expect(
      await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn })),
    ).toMatchObject({
      name: 'PROD',
      description: 'canary',
      routingConfiguration: [
        { stateMachineVersionArn: `${arn}:1`, weight: 90 },
        { stateMachineVersionArn: `${arn}:2`, weight: 10 },
      ],
    });
    // Draws below 0.9 run version 1, at or above it version 2.
    draws.push(0.5, 0.95);
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: aliasArn }));
    const second = await sfn.send(new StartExecutionCommand({ stateMachineArn: aliasArn }));
    const ended1 = await waitForEnd(sfn, first.executionArn as string);
    const ended2 = await waitForEnd(sfn, second.executionArn as string);
    expect(ended1).toMatchObject({
      output: '"v1"',
      stateMachineArn: arn,
      stateMachineVersionArn: `${arn}:1`,
      stateMachineAliasArn: aliasArn,
    });
    expect(ended2).toMatchObject({ output: '"v2"', stateMachineVersionArn: `${arn}:2` });
    expect(first.executionArn).toMatch(/:execution:Orders:/);

    // By version: that version's definition, whatever the current one is.
    const byVersion = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}:1` }));
    const endedByVersion = await waitForEnd(sfn, byVersion.executionArn as string);
    expect(endedByVersion).toMatchObject({ output: '"v1"', stateMachineVersionArn: `${arn}:1` });
    expect(endedByVersion.stateMachineAliasArn).toBeUndefined();

    // A routed version cannot be deleted; once the alias routes elsewhere, it can.
    expect(
      await refusal(
        sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:1` })),
      ),
    ).toMatchObject({ name: 'ConflictException', message: expect.stringContaining('PROD') });
    await sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: aliasArn,
        routingConfiguration: [{ stateMachineVersionArn: `${arn}:2`, weight: 100 }],
      }),
    );
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${arn}:1` }));
    const left = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    expect(left.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([`${arn}:2`]);
    // Numbers are not reused: the next version is 3.
    await sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: arn,
        definition: pass('v3'),
        publish: true,
      }),
    );
    const after = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: arn }));
    expect(after.stateMachineVersions?.[0]?.stateMachineVersionArn).toBe(`${arn}:3`);

    const aliases = await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: arn }));
    expect(aliases.stateMachineAliases?.map((a) => a.stateMachineAliasArn)).toEqual([aliasArn]);
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
    expect(
      await refusal(
        sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn })),
      ),
    ).toMatchObject({ name: 'ResourceNotFound' });
  });

  it('refuses bad routing, unknown versions and aliases, malformed ARNs with AWS errors', async () => {
    const created = await sfn.send(
      new CreateStateMachineCommand({
        name: 'Routing',
        definition: pass(1),
        roleArn: ROLE,
        publish: true,
      }),
    );
    const arn = created.stateMachineArn as string;
    const alias = (
      routingConfiguration: { stateMachineVersionArn: string; weight: number }[],
      name = 'A',
    ) => refusal(sfn.send(new CreateStateMachineAliasCommand({ name, routingConfiguration })));
    expect(await alias([{ stateMachineVersionArn: `${arn}:1`, weight: 60 }])).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('must be equal to 100'),
    });
    expect(await alias([{ stateMachineVersionArn: `${arn}:9`, weight: 100 }])).toMatchObject({
      name: 'ResourceNotFound',
    });
    expect(
      await alias([
        { stateMachineVersionArn: `${arn}:1`, weight: 50 },
        { stateMachineVersionArn: `${arn}:1`, weight: 50 },
      ]),
    ).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('distinct') });
    expect(await alias([{ stateMachineVersionArn: `${arn}:1`, weight: 100 }], '123')).toMatchObject(
      { name: 'InvalidName' },
    );
    expect(
      await alias([{ stateMachineVersionArn: 'arn:aws:states:nope', weight: 100 }]),
    ).toMatchObject({
      name: 'InvalidArn',
    });
    expect(
      await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}:7` }))),
    ).toMatchObject({ name: 'StateMachineDoesNotExist' });
    expect(
      await refusal(sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}:BETA` }))),
    ).toMatchObject({ name: 'StateMachineDoesNotExist' });
    expect(
      await refusal(
        sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${arn}:1` })),
      ),
    ).toMatchObject({ name: 'InvalidArn' });
    expect(
      await refusal(
        sfn.send(
          new UpdateStateMachineCommand({
            stateMachineArn: arn,
            roleArn: ROLE,
            versionDescription: 'x',
          }),
        ),
      ),
    ).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('publish') });
  });

  describe.skipIf(!AWS_CLI)('through the AWS CLI', () => {
    it('create --publish, publish-state-machine-version, create/describe/update/list/delete alias, start by alias, delete version', async () => {
      const aws = (...args: string[]) => awsStepFunctions(runner.endpointUrl, args);
      const created = await aws(
        'create-state-machine',
        '--name',
        'CliVersions',
        '--role-arn',
        ROLE,
        '--definition',
        pass('one'),
        '--publish',
        '--version-description',
        'first',
      );
      expect(created.ok, created.error).toBe(true);
      const arn = created.json.stateMachineArn as string;
      expect(created.json.stateMachineVersionArn).toBe(`${arn}:1`);
      const alias = await aws(
        'create-state-machine-alias',
        '--name',
        'live',
        '--routing-configuration',
        JSON.stringify([{ stateMachineVersionArn: `${arn}:1`, weight: 100 }]),
      );
      expect(alias.ok, alias.error).toBe(true);
      const aliasArn = alias.json.stateMachineAliasArn as string;
      const [described, listed, started, versions] = await Promise.all([
        aws('describe-state-machine-alias', '--state-machine-alias-arn', aliasArn),
        aws('list-state-machine-aliases', '--state-machine-arn', arn),
        aws('start-execution', '--state-machine-arn', aliasArn),
        aws('list-state-machine-versions', '--state-machine-arn', arn),
      ]);
      expect(described.json.routingConfiguration).toEqual([
        { stateMachineVersionArn: `${arn}:1`, weight: 100 },
      ]);
      expect(listed.json.stateMachineAliases).toHaveLength(1);
      expect(versions.json.stateMachineVersions).toHaveLength(1);
      expect(await waitForEnd(sfn, started.json.executionArn)).toMatchObject({
        stateMachineAliasArn: aliasArn,
        stateMachineVersionArn: `${arn}:1`,
      });
      const updatedMachine = await aws(
        'update-state-machine',
        '--state-machine-arn',
        arn,
        '--definition',
        pass('two'),
      );
      const published = await aws(
        'publish-state-machine-version',
        '--state-machine-arn',
        arn,
        '--revision-id',
        updatedMachine.json.revisionId,
      );
      expect(published.json.stateMachineVersionArn).toBe(`${arn}:2`);
      const refused = await aws(
        'delete-state-machine-version',
        '--state-machine-version-arn',
        `${arn}:1`,
      );
      expect(refused.error).toContain('ConflictException');
      const updated = await aws(
        'update-state-machine-alias',
        '--state-machine-alias-arn',
        aliasArn,
        '--routing-configuration',
        JSON.stringify([
          { stateMachineVersionArn: `${arn}:1`, weight: 50 },
          { stateMachineVersionArn: `${arn}:2`, weight: 50 },
        ]),
      );
      expect(updated.ok, updated.error).toBe(true);
      expect(
        (await aws('delete-state-machine-alias', '--state-machine-alias-arn', aliasArn)).ok,
      ).toBe(true);
      const deleted = await aws(
        'delete-state-machine-version',
        '--state-machine-version-arn',
        `${arn}:1`,
      );
      expect(deleted.ok, deleted.error).toBe(true);
    });
  });
});
