import { type App, Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import { describe, expect, test } from 'vitest';
import {
  ALL_NAG_ACKNOWLEDGEMENTS,
  CallbackPattern,
  type CallbackPatternProps,
  PATTERN_ACKNOWLEDGEMENTS,
} from '../src/index.js';
import { FIXTURE_FUNCTION, testStack } from './helpers.js';

type Finding = [rule: string, paths: string[]];

/** Runs both packs on the app's construct tree; optionally ignoring every acknowledgement. */
function findings(app: App, options: { ignoreAcknowledgements?: boolean } = {}): Finding[] {
  const packs: NagPack[] = [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
  return packs.flatMap((pack) => {
    if (options.ignoreAcknowledgements) {
      // test-only: see what the packs find before the construct's acknowledgements apply
      (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    }
    return pack
      .validateScope(app)
      .violations.map(
        (v): Finding => [v.ruleName, v.violatingResources.map((r) => r.constructPath ?? '')],
      );
  });
}

function patternApp(props: Partial<CallbackPatternProps> = {}): App {
  const stack = testStack();
  new CallbackPattern(stack, 'Pattern', { lambdaFunctionProps: FIXTURE_FUNCTION, ...props });
  return stack.node.root as App;
}

describe('cdk-nag 3: AwsSolutionsChecks and ServerlessChecks', () => {
  test('the pattern with its defaults has zero unacknowledged findings', () => {
    expect(findings(patternApp())).toEqual([]);
  });

  test('JSONata, FIFO, and longer timeouts stay clean', () => {
    expect(findings(patternApp({ queryLanguage: sfn.QueryLanguage.JSONATA }))).toEqual([]);
    expect(
      findings(
        patternApp({
          queueProps: { fifo: true },
          callbackTaskProps: { messageGroupId: sfn.JsonPath.stringAt('$$.Execution.Id') },
          lambdaFunctionProps: { ...FIXTURE_FUNCTION, timeout: Duration.minutes(2) },
        }),
      ),
    ).toEqual([]);
  });

  test('with a customer-managed key for topic and queues it stays clean', () => {
    const stack = testStack();
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new CallbackPattern(stack, 'Pattern', { lambdaFunctionProps: FIXTURE_FUNCTION, encryptionKey });
    expect(findings(stack.node.root as App)).toEqual([]);
  });

  test('with the alarm topic, OK actions and the dashboard it stays clean, with no new acknowledgement', () => {
    const app = patternApp({ alarmTopic: 'create', dashboard: true });
    expect(findings(app)).toEqual([]);
    // Nothing the alarms, their topic, its key or the dashboard raise is acknowledged.
    const raw = findings(patternApp({ alarmTopic: 'create', dashboard: true }), {
      ignoreAcknowledgements: true,
    });
    expect(raw.flatMap(([, paths]) => paths).filter((p) => /Alarm|Dashboard/.test(p))).toEqual([]);
    const stack = testStack();
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new CallbackPattern(stack, 'Pattern', {
      lambdaFunctionProps: FIXTURE_FUNCTION,
      encryptionKey,
      alarmTopic: 'create',
    });
    expect(findings(stack.node.root as App)).toEqual([]);
  });

  test('every acknowledgement answers a real finding, on the construct it names', () => {
    expect(findings(patternApp(), { ignoreAcknowledgements: true })).toEqual([
      [
        'AwsSolutions-IAM5[Resource::*]',
        [
          'Test/Pattern/Worker/FunctionRole/DefaultPolicy/Resource',
          'Test/Pattern/StateMachine/Role/DefaultPolicy/Resource',
        ],
      ],
      ['Serverless-SQSRedrivePolicy', ['Test/Pattern/Worker/DeadLetterQueue/Resource']],
      ['Serverless-LambdaDLQ', ['Test/Pattern/Worker/Function/Resource']],
      [
        'Serverless-LambdaEventSourceMappingDestination',
        [expect.stringMatching(/^Test\/Pattern\/Worker\/Function\/SqsEventSource:.*\/Resource$/)],
      ],
    ]);
    const defaultIds = new Set(
      ALL_NAG_ACKNOWLEDGEMENTS.filter((a) => !a.on.includes('encryptionKey')).map((a) => a.id),
    );
    expect(defaultIds).toEqual(
      new Set([
        'AwsSolutions-IAM5[Resource::*]',
        'Serverless-SQSRedrivePolicy',
        'Serverless-LambdaDLQ',
        'Serverless-LambdaEventSourceMappingDestination',
      ]),
    );
  });

  test('the customer-managed key acknowledgement answers the SqsSendMessage grant', () => {
    const stack = testStack();
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new CallbackPattern(stack, 'Pattern', { lambdaFunctionProps: FIXTURE_FUNCTION, encryptionKey });
    const rules = findings(stack.node.root as App, { ignoreAcknowledgements: true });
    const [ack] = PATTERN_ACKNOWLEDGEMENTS.stateMachineQueueKey;
    expect(rules).toContainEqual([
      ack?.id,
      ['Test/Pattern/StateMachine/Role/DefaultPolicy/Resource'],
    ]);
  });

  test('the packs do find problems: a queue without TLS policy, DLQ or redrive fails', () => {
    const stack = testStack();
    new sqs.Queue(stack, 'Plain');
    const rules = findings(stack.node.root as App).map(([rule]) => rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'AwsSolutions-SQS3',
        'AwsSolutions-SQS4',
        'Serverless-SQSRedrivePolicy',
      ]),
    );
  });

  test('every acknowledgement carries a reason of substance', () => {
    for (const { id, reason } of ALL_NAG_ACKNOWLEDGEMENTS) {
      expect(reason.length, id).toBeGreaterThan(120);
    }
  });
});
