import { fileURLToPath } from 'node:url';
import { CallbackPattern } from '@sfn-callback/cdk';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The handler's source file; `NodejsFunction` bundles it with esbuild at synth time. */
const HANDLER_ENTRY = fileURLToPath(new URL('./handler.ts', import.meta.url));

/**
 * The AWS "Callback Pattern Example": an SQS queue, a Lambda worker, an SNS topic, and the
 * state machine "Start Task And Wait For Callback" → "Notify Success" (or "Notify
 * Failure"), all from `CallbackPattern` with its secure defaults.
 */
export class CallbackExampleStack extends Stack {
  /** The pattern, for tests and for stacks that build on this one. */
  readonly pattern: CallbackPattern;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, {
      description: 'Step Functions callback pattern example (sfn-callback)',
      ...props,
    });
    this.pattern = new CallbackPattern(this, 'CallbackPattern', {
      lambdaFunctionProps: { entry: HANDLER_ENTRY, handler: 'handler' },
    });

    new CfnOutput(this, 'StateMachineArn', { value: this.pattern.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TopicArn', { value: this.pattern.topic.topicArn });
    new CfnOutput(this, 'QueueUrl', { value: this.pattern.queue.queueUrl });
  }
}
