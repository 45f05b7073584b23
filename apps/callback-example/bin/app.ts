#!/usr/bin/env node
/**
 * The CDK app of the example: `pnpm synth` (offline), `pnpm deploy` (your AWS account),
 * `pnpm start` (locally, with @sfn-callback/local). cdk-nag's AwsSolutions and Serverless
 * packs run at every synth: an unacknowledged finding fails it.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { CallbackExampleStack } from '../src/callback-example-stack.ts';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
new CallbackExampleStack(app, 'CallbackExample');
app.synth();
