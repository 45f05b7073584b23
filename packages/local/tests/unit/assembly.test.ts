// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these are CloudFormation Fn::Sub strings
import { describe, expect, it } from 'vitest';
import type { StateMachineSpec } from '../../src/assembly/app-model.js';
import { type IntrinsicContext, resolveIntrinsics } from '../../src/assembly/resolve-intrinsics.js';
import { compileStateMachine } from '../../src/engine/local-state-machine.js';
import { UnsupportedFeatureError } from '../../src/errors.js';

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

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty'])(
    'reads only the template own names: Ref / Sub / GetAtt of %s',
    (name) => {
      expect(() => resolveIntrinsics({ Ref: name }, context)).toThrow(/not in the template/);
      expect(() =>
        resolveIntrinsics({ 'Fn::Sub': ['${' + name + '}', { X: 'x' }] }, context),
      ).toThrow(/not in the template/);
      expect(resolveIntrinsics({ 'Fn::GetAtt': ['Queue', name] }, context)).toBe(
        `http://127.0.0.1:1/000000000000/q.${name}`,
      );
    },
  );
});

describe('compileStateMachine', () => {
  const spec = (definition: Record<string, unknown>): StateMachineSpec => ({
    logicalId: 'M',
    name: 'm',
    arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
    type: 'STANDARD',
    definition,
  });
  const task = (extra: Record<string, unknown> = {}) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    Parameters: { QueueUrl: 'q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } },
    End: true,
    ...extra,
  });

  it('accepts JSONata and JSONPath machines, Path timeouts included', () => {
    expect(() =>
      compileStateMachine(
        spec({
          QueryLanguage: 'JSONata',
          StartAt: 'A',
          States: {
            A: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
              Arguments: { QueueUrl: 'q', MessageBody: '{% $states.context.Task.Token %}' },
              End: true,
            },
          },
        }),
      ),
    ).not.toThrow();
    expect(() =>
      compileStateMachine(
        spec({ StartAt: 'A', States: { A: task({ TimeoutSecondsPath: '$.t' }) } }),
      ),
    ).not.toThrow();
  });

  it('refuses a definition AWS refuses, with its diagnostics', () => {
    expect(() =>
      compileStateMachine(
        spec({ StartAt: 'A', States: { A: task({ Next: 'Nowhere', End: undefined }) } }),
      ),
    ).toThrow(/state machine m: Invalid State Machine Definition: .*MISSING_TRANSITION_TARGET/);
  });

  it('refuses a resource local does not emulate, naming the state, even inside a Map', () => {
    const batch = task({ Resource: 'arn:aws:states:::batch:submitJob.sync' });
    expect(() => compileStateMachine(spec({ StartAt: 'A', States: { A: batch } }))).toThrow(
      UnsupportedFeatureError,
    );
    expect(() =>
      compileStateMachine(
        spec({
          StartAt: 'M',
          States: {
            M: {
              Type: 'Map',
              ItemProcessor: { StartAt: 'Inner', States: { Inner: batch } },
              End: true,
            },
          },
        }),
      ),
    ).toThrow(/state "Inner" uses arn:aws:states:::batch:submitJob.sync/);
  });
});
