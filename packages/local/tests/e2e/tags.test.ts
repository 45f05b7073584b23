/**
 * Tags of state machines and activities over HTTP (TagResource, UntagResource,
 * ListTagsForResource, and `tags` on create), with AWS's limits: 50 tags a resource, keys of
 * 1 to 128 characters, values of at most 256 — through the JS SDK and the AWS CLI.
 */
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  ListTagsForResourceCommand,
  type SFNClient,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';
import { awsStepFunctions } from '../support/aws-cli.js';
import { awsCliVersion } from '../support/serve-process.js';
import { localClient } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const AWS_CLI = awsCliVersion();
const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });

async function refusal(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('the call succeeded');
}

describe('tags over HTTP', () => {
  let runner: LocalRunner;
  let sfn: SFNClient;

  beforeAll(async () => {
    runner = await LocalRunner.start({});
    sfn = localClient(runner.endpointUrl);
  });

  afterAll(async () => {
    sfn?.destroy();
    await runner?.close();
  });

  const tagsOf = async (resourceArn: string) =>
    (await sfn.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

  it('tags on create, tag (a key again replaces its value), untag, list', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: 'Tagged',
        definition: PASS,
        roleArn: ROLE,
        tags: [{ key: 'team', value: 'orders' }],
      }),
    );
    const arn = stateMachineArn as string;
    expect(await tagsOf(arn)).toEqual([{ key: 'team', value: 'orders' }]);
    await sfn.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: 'env', value: 'dev' },
          { key: 'team', value: 'payments' },
        ],
      }),
    );
    expect(await tagsOf(arn)).toEqual([
      { key: 'team', value: 'payments' },
      { key: 'env', value: 'dev' },
    ]);
    await sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team', 'absent'] }));
    expect(await tagsOf(arn)).toEqual([{ key: 'env', value: 'dev' }]);

    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'tagged-activity' }));
    await sfn.send(
      new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: 'k', value: '' }] }),
    );
    expect(await tagsOf(activityArn as string)).toEqual([{ key: 'k', value: '' }]);

    // A deleted state machine's tags go with it.
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    expect(await refusal(tagsOf(arn))).toMatchObject({ name: 'ResourceNotFound' });
  });

  it('refuses tags past AWS limits, unknown resources and malformed ARNs', async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: 'limits' }));
    const resourceArn = activityArn as string;
    const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    await sfn.send(new TagResourceCommand({ resourceArn, tags: fifty }));
    expect(
      await refusal(
        sfn.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'one-more', value: 'v' }] })),
      ),
    ).toMatchObject({ name: 'TooManyTags', message: expect.stringContaining('50') });
    // Nothing was lost: the 50 are still there.
    expect(await tagsOf(resourceArn)).toHaveLength(50);
    expect(
      await refusal(
        sfn.send(
          new TagResourceCommand({ resourceArn, tags: [{ key: 'k'.repeat(129), value: 'v' }] }),
        ),
      ),
    ).toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        "'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
      ),
    });
    expect(
      await refusal(
        sfn.send(
          new TagResourceCommand({ resourceArn, tags: [{ key: 'k0', value: 'v'.repeat(257) }] }),
        ),
      ),
    ).toMatchObject({ name: 'ValidationException', message: expect.stringContaining('256') });
    expect(
      await refusal(
        sfn.send(
          new CreateActivityCommand({
            name: 'too-many',
            tags: [...fifty, { key: 'x', value: 'y' }],
          }),
        ),
      ),
    ).toMatchObject({ name: 'TooManyTags' });
    expect(
      await refusal(tagsOf('arn:aws:states:us-east-1:000000000000:stateMachine:Nobody')),
    ).toMatchObject({ name: 'ResourceNotFound' });
    expect(
      await refusal(tagsOf('arn:aws:states:us-east-1:000000000000:execution:a:b')),
    ).toMatchObject({
      name: 'InvalidArn',
    });
  });

  describe.skipIf(!AWS_CLI)('through the AWS CLI', () => {
    it('tag-resource, list-tags-for-resource, untag-resource', async () => {
      const aws = (...args: string[]) => awsStepFunctions(runner.endpointUrl, args);
      const created = await aws('create-activity', '--name', 'cli-tags', '--tags', 'key=a,value=1');
      const arn = created.json.activityArn as string;
      expect((await aws('tag-resource', '--resource-arn', arn, '--tags', 'key=b,value=2')).ok).toBe(
        true,
      );
      expect((await aws('list-tags-for-resource', '--resource-arn', arn)).json.tags).toEqual([
        { key: 'a', value: '1' },
        { key: 'b', value: '2' },
      ]);
      expect((await aws('untag-resource', '--resource-arn', arn, '--tag-keys', 'a')).ok).toBe(true);
      expect((await aws('list-tags-for-resource', '--resource-arn', arn)).json.tags).toEqual([
        { key: 'b', value: '2' },
      ]);
      const refused = await aws('list-tags-for-resource', '--resource-arn', `${arn}-gone`);
      expect(refused.error).toContain('ResourceNotFound');
    });
  });
});
