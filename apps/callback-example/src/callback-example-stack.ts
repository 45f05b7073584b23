import { fileURLToPath } from 'node:url';
import { CallbackPattern, type CallbackPatternProps } from '@sfn-callback/cdk';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** The handler's source file; `NodejsFunction` bundles it with esbuild at synth time. */
const HANDLER_ENTRY = fileURLToPath(new URL('./handler.ts', import.meta.url));

/** Props of {@link CallbackExampleStack}. */
export interface CallbackExampleStackProps extends StackProps {
  /**
   * Overrides of the pattern's props (tests use shorter timeouts); the handler entry stays.
   * @default none: the pattern's defaults
   */
  readonly pattern?: Omit<CallbackPatternProps, 'lambdaFunctionProps'> & {
    readonly lambdaFunctionProps?: Omit<
      NonNullable<CallbackPatternProps['lambdaFunctionProps']>,
      'entry' | 'handler'
    >;
  };
}

/**
 * The AWS "Callback Pattern Example": an SQS queue, a Lambda worker, an SNS topic, and the
 * state machine "Start Task And Wait For Callback" → "Notify Success" (or "Notify
 * Failure"), all from `CallbackPattern` with its secure defaults.
 */
export class CallbackExampleStack extends Stack {
  /** The pattern, for tests and for stacks that build on this one. */
  readonly pattern: CallbackPattern;

  constructor(scope: Construct, id: string, props: CallbackExampleStackProps = {}) {
    const { pattern, ...stackProps } = props;
    super(scope, id, {
      description: 'Step Functions callback pattern example (sfn-callback)',
      ...stackProps,
    });
    this.pattern = new CallbackPattern(this, 'CallbackPattern', {
      ...pattern,
      lambdaFunctionProps: {
        ...pattern?.lambdaFunctionProps,
        entry: HANDLER_ENTRY,
        handler: 'handler',
      },
    });

    new CfnOutput(this, 'StateMachineArn', { value: this.pattern.stateMachine.stateMachineArn });
    new CfnOutput(this, 'TopicArn', { value: this.pattern.topic.topicArn });
    new CfnOutput(this, 'QueueUrl', { value: this.pattern.queue.queueUrl });
  }
}
