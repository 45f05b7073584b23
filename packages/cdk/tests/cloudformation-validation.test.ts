import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CloudFormationValidatePlugin, Stack, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { expect, test } from 'vitest';
import { CallbackPattern } from '../src/index.js';
import { FIXTURE_FUNCTION } from './helpers.js';

// The one synthesis with aws-cdk-lib's built-in CloudFormation validator on (~5 s), its
// findings made errors, and the cdk-nag packs registered the way an application registers
// them: `cdk synth` of the whole pattern passes all three.
test('synthesis passes the CloudFormation validator and cdk-nag as plugins', () => {
  const app = new App({
    builtinCloudFormationValidation: true,
    context: {
      'aws:cdk:bundling-stacks': [],
      '@aws-cdk/core:validateAgainstDefaultRules': true,
    },
  });
  const stack = new Stack(app, 'Test');
  new CallbackPattern(stack, 'Pattern', { lambdaFunctionProps: FIXTURE_FUNCTION });
  // Registered explicitly, so it runs even where CDK_VALIDATION=false is set in the environment.
  Validations.of(app).addPlugins(
    new CloudFormationValidatePlugin(),
    new AwsSolutionsChecks(app),
    new ServerlessChecks(app),
  );

  const assembly = app.synth();
  const report = JSON.parse(
    readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
  );
  expect(report.pluginReports).toEqual([]);
});
