// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation Fn::Sub strings
import { describe, expect, it } from 'vitest';
import type { IntrinsicContext } from '../../src/index.js';
import { prepareDefinition, resolveIntrinsics, UnsupportedFeatureError } from '../../src/index.js';

const context: IntrinsicContext = {
  region: 'eu-west-1',
  account: '000000000000',
  stackName: 'S',
  parameters: { Stage: 'dev' },
  resource: (id) =>
    id === 'Queue'
      ? {
          ref: 'http://127.0.0.1:1/000000000000/q',
          attributes: { Arn: 'arn:aws:sqs:eu-west-1:000000000000:q' },
        }
      : undefined,
};

describe('resolveIntrinsics', () => {
  it('resolves Ref, GetAtt, Join, Sub, Select, Split and pseudo parameters', () => {
    expect(
      resolveIntrinsics(
        {
          a: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':', { Ref: 'AWS::Region' }]] },
          b: { 'Fn::GetAtt': ['Queue', 'Arn'] },
          c: { 'Fn::Sub': '${Queue}/${Stage}/${AWS::AccountId}/${Queue.Arn}/${!Literal}' },
          d: { 'Fn::Sub': ['${X}-${AWS::StackName}', { X: { Ref: 'Stage' } }] },
          e: { 'Fn::Select': [1, { 'Fn::Split': [',', 'x,y,z'] }] },
          f: { Ref: 'AWS::NoValue' },
        },
        context,
      ),
    ).toEqual({
      a: 'arn:aws:eu-west-1',
      b: 'arn:aws:sqs:eu-west-1:000000000000:q',
      c: 'http://127.0.0.1:1/000000000000/q/dev/000000000000/arn:aws:sqs:eu-west-1:000000000000:q/${Literal}',
      d: 'dev-S',
      e: 'y',
    });
  });

  it('refuses intrinsics with no local meaning and unknown resources', () => {
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'x' }, context)).toThrow(
      UnsupportedFeatureError,
    );
    expect(() => resolveIntrinsics({ Ref: 'Missing' }, context)).toThrow(/not in the template/);
  });
});

describe('prepareDefinition', () => {
  const task = (extra: Record<string, unknown> = {}) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Parameters: { QueueUrl: 'q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } },
    End: true,
    ...extra,
  });

  it('fills $$.State.Name with the state name (the engine does not set State in the context)', () => {
    const { engineDefinition } = prepareDefinition(
      {
        StartAt: 'Wait Here',
        States: {
          'Wait Here': task({
            Parameters: {
              QueueUrl: 'q',
              MessageBody: {
                'TaskToken.$': '$$.Task.Token',
                'StateName.$': '$$.State.Name',
                'ExecutionArn.$': '$$.Execution.Id',
              },
            },
          }),
        },
      },
      'M',
    );
    const states = engineDefinition.States as Record<string, { Parameters: unknown }>;
    expect(states['Wait Here']?.Parameters).toEqual({
      QueueUrl: 'q',
      MessageBody: {
        'TaskToken.$': '$$.Task.Token',
        StateName: 'Wait Here',
        'ExecutionArn.$': '$$.Execution.Id',
      },
    });
  });

  it('makes every Task timeout explicit and clamps it below the setTimeout overflow', () => {
    const prepared = prepareDefinition(
      {
        StartAt: 'A',
        TimeoutSeconds: 31_536_000,
        States: {
          A: task({ HeartbeatSeconds: 5, Next: 'B', End: undefined }),
          B: task({ TimeoutSeconds: 99_999_999 }),
        },
      },
      'm',
    );
    const states = prepared.engineDefinition.States as Record<string, Record<string, unknown>>;
    expect(prepared.engineDefinition.TimeoutSeconds).toBe(2_147_483);
    expect(states.A?.TimeoutSeconds).toBe(2_147_483);
    expect(states.A?.HeartbeatSeconds).toBeUndefined();
    expect(states.B?.TimeoutSeconds).toBe(2_147_483);
    expect(prepared.tasks.get('A')).toMatchObject({
      heartbeatSeconds: 5,
      resource: { waitForTaskToken: true },
    });
    expect(prepared.tasks.get('A')?.timeoutSeconds).toBeUndefined();
    expect(prepared.tasks.get('B')?.timeoutSeconds).toBe(99_999_999);
  });

  it('refuses JSONata, at the top or in one state, and unsupported resources', () => {
    expect(() =>
      prepareDefinition({ QueryLanguage: 'JSONata', StartAt: 'A', States: { A: task() } }, 'm'),
    ).toThrow(/JSONata.*not supported locally/);
    expect(() =>
      prepareDefinition({ StartAt: 'A', States: { A: task({ QueryLanguage: 'JSONata' }) } }, 'm'),
    ).toThrow(/JSONata \(QueryLanguage "JSONata" in state "A"\)/);
    expect(() =>
      prepareDefinition(
        {
          StartAt: 'A',
          States: { A: task({ Resource: 'arn:aws:states:::batch:submitJob.sync' }) },
        },
        'm',
      ),
    ).toThrow(UnsupportedFeatureError);
    expect(() =>
      prepareDefinition({ StartAt: 'A', States: { A: task({ TimeoutSecondsPath: '$.t' }) } }, 'm'),
    ).toThrow(/TimeoutSecondsPath/);
  });
});
