/**
 * The app's `AWS::S3::Bucket`s are folders of `buckets`: a CDK app whose Distributed Map reads a
 * CSV from its own bucket (`Ref` to it in the definition) runs on the file a test puts there.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalRunner } from '../../src/index.js';

describe("the app's buckets as folders", () => {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-local-app-buckets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a folder per bucket and runs a Distributed Map over a file put in it', async () => {
    const app = new App({ outdir: join(dir, 'cdk.out') });
    const stack = new Stack(app, 'BucketsApp');
    const bucket = new s3.Bucket(stack, 'Orders');
    const each = new sfn.DistributedMap(stack, 'EachOrder', {
      itemReader: new sfn.S3CsvItemReader({
        bucket,
        key: 'orders.csv',
        csvHeaders: sfn.CsvHeaders.useFirstRow(),
      }),
      resultSelector: { 'count.$': 'States.ArrayLength($)' },
    });
    each.itemProcessor(new sfn.Pass(stack, 'Order'));
    new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(each),
    });
    app.synth();

    const buckets = join(dir, 'buckets');
    const runner = await LocalRunner.start({ assembly: join(dir, 'cdk.out'), buckets });
    try {
      // CDK leaves the name to CloudFormation: locally it is <stack>-<logicalId>, lowercase.
      expect(runner.model.buckets).toHaveLength(1);
      const name = runner.model.buckets?.[0] as string;
      expect(name).toMatch(/^bucketsapp-orders[0-9a-f]{8}$/);
      expect(existsSync(join(buckets, name))).toBe(true);

      writeFileSync(join(buckets, name, 'orders.csv'), 'id\n1\n2\n3\n');
      const ended = await runner.runExecution({});
      expect(ended.status, ended.cause).toBe('SUCCEEDED');
      expect(JSON.parse(ended.output as string)).toEqual({ count: 3 });
    } finally {
      await runner.close();
    }
  });
});
