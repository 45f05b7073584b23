import { describe, expect, it } from 'vitest';
import { parseTaskResource } from '../../../src/tasks/parse-resource.js';
import { validateDefinition } from '../../../src/validation/validate-definition.js';
import { diagnostics, errors, machine } from './helpers.js';

const task = (Resource: unknown) => machine({ Type: 'Task', Resource });

describe('Task Resource', () => {
  it('accepts the resources the recordings ran', () => {
    for (const r of [
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      'arn:aws:states:::sns:publish',
      'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::dynamodb:putItem',
      'arn:aws:states:::aws-sdk:dynamodb:query',
      'arn:aws:lambda:us-east-1:111111111111:function:fn-u0001',
      'arn:aws:states:us-east-1:111111111111:activity:a',
    ]) {
      expect(errors(task(r)), r).toEqual([]);
    }
  });

  it('accepts ARNs with a region and account, or with both left empty, as deployed on AWS', () => {
    // From state machines in AWS's public samples, deployed as they are.
    for (const r of [
      'arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject',
      'arn:aws:states:us-east-1:123456789012:lambda:invoke',
      'arn:aws:states:us-east-1:123456789012:lambda:invoke.waitForTaskToken',
      'arn:aws:states:eu-west-1:123456789012:states:startExecution.sync:2',
      'arn:aws:lambda:::function:name',
      'arn:aws:lambda:::function:name:live',
      'arn:aws-cn:states:cn-north-1:123456789012:sqs:sendMessage',
    ]) {
      expect(errors(task(r)), r).toEqual([]);
    }
    for (const r of [
      'arn:aws:states:us-east-1:123456789012:dynamodb:query',
      'arn:aws:states:us-east-1:123456789012:sns:publish.sync',
      'arn:aws:states:us-east-1:123456789012:stateMachine:m',
      'arn:aws:lambda:::function:',
    ]) {
      expect(errors(task(r)), r).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/Resource']);
    }
  });

  it('names such resources in the history as it names the short forms', () => {
    expect(
      parseTaskResource('arn:aws:states:us-east-1:123456789012:aws-sdk:s3:getObject'),
    ).toMatchObject({
      resourceType: 'aws-sdk:s3',
      resource: 'getObject',
      action: 'getObject',
      pattern: 'request-response',
    });
    expect(
      parseTaskResource('arn:aws:states:us-east-1:123456789012:lambda:invoke.waitForTaskToken'),
    ).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      pattern: 'waitForTaskToken',
    });
    expect(parseTaskResource('arn:aws:lambda:::function:name')).toMatchObject({
      resourceType: 'lambda',
      resource: 'arn:aws:lambda:::function:name',
      legacyLambda: true,
    });
  });

  it('rejects an optimized integration AWS lacks, as recorded (services/test_invalid_integration)', () => {
    const d = diagnostics({
      StartAt: 'Query',
      States: { Query: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:query', End: true } },
    });
    expect(d.map((x) => `${x.code}: ${x.message} at ${x.location}`)).toEqual([
      'SCHEMA_VALIDATION_FAILED: The resource provided arn:aws:states:::dynamodb:query is not recognized. The value is not a valid resource ARN, or the resource is not available in this region. at /States/Query/Resource',
    ]);
    expect(errors(task('arn:aws:states:::sns:publish.sync'))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Resource',
    ]);
    expect(errors(task('not-an-arn'))).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/Resource']);
  });

  it('requires a constant Resource, also in JSONata', () => {
    expect(
      errors(machine({ Type: 'Task', QueryLanguage: 'JSONata', Resource: '{% $r %}' })),
    ).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/Resource']);
  });

  it('rejects callback and .sync patterns in an EXPRESS machine', () => {
    const def = task('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    expect(validateDefinition(def, { type: 'EXPRESS' }).map((d) => d.location)).toEqual([
      '/States/S/Resource',
    ]);
    expect(
      validateDefinition(task('arn:aws:states:::sqs:sendMessage'), { type: 'EXPRESS' }),
    ).toEqual([]);
  });
});
