/**
 * Nothing a client sends takes `serve` down: malformed requests to every new operation
 * get an AWS-shaped error (HTTP 4xx, `__type` and `message`), and the endpoint still
 * answers afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServeProcess, startServe } from '../support/serve-process.js';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:M';
const BAD: readonly [string, string][] = [
  [
    'CreateStateMachine',
    '{"name":"M","roleArn":"arn:aws:iam::000000000000:role/r","definition":"null"}',
  ],
  [
    'CreateStateMachine',
    '{"name":"M","roleArn":"arn:aws:iam::000000000000:role/r","definition":"[]"}',
  ],
  [
    'CreateStateMachine',
    `{"name":"M","roleArn":"arn:aws:iam::000000000000:role/r","definition":${JSON.stringify(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 42, End: true } } }))}}`,
  ],
  [
    'CreateStateMachine',
    '{"name":"M","roleArn":"arn:aws:iam::000000000000:role/r","definition":"{}","type":"FAST"}',
  ],
  ['CreateStateMachine', '{"name":["M"],"roleArn":{},"definition":1}'],
  ['UpdateStateMachine', `{"stateMachineArn":"${ARN}","definition":"{"}`],
  ['DeleteStateMachine', '{"stateMachineArn":""}'],
  [
    'DescribeStateMachineForExecution',
    '{"executionArn":"arn:aws:states:us-east-1:000000000000:execution:M:x"}',
  ],
  ['ListStateMachines', '{"maxResults":-1}'],
  ['ListStateMachines', '{"nextToken":"garbage"}'],
  ['ValidateStateMachineDefinition', '{"definition":""}'],
  ['ValidateStateMachineDefinition', '{"definition":"{}","maxResults":101}'],
  ['StartExecution', `{"stateMachineArn":"${ARN}#"}`],
  ['StartExecution', `{"stateMachineArn":"${ARN}#Case#More"}`],
  ['TestState', '{"definition":"{\\"Type\\":\\"Nope\\"}"}'],
  ['TestState', '{"definition":"not json"}'],
  ['TestState', '{"definition":"{\\"Type\\":\\"Pass\\",\\"End\\":true}","variables":"[1]"}'],
  ['TestState', '{"definition":"{\\"Type\\":\\"Pass\\",\\"End\\":true}","mock":{"errorOutput":5}}'],
  ['TestState', '{"definition":"{\\"Type\\":\\"Pass\\",\\"End\\":true}","stateConfiguration":[]}'],
  ['TestState', '{"definition":"{\\"Type\\":\\"Pass\\",\\"End\\":true}","input":"{"}'],
];

describe('malformed requests to serve', () => {
  let serve: ServeProcess;

  beforeAll(async () => {
    serve = await startServe([]);
  });

  afterAll(async () => {
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  const post = (target: string, body: string) =>
    fetch(serve.endpointUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': `AWSStepFunctions.${target}`,
      },
      body,
    });

  it.each(BAD)('%s (case %#): a 4xx with __type and message', async (target, body) => {
    const response = await post(target, body);
    const answer = (await response.json()) as { __type?: string; message?: string };
    expect(response.status, JSON.stringify(answer)).toBeGreaterThanOrEqual(400);
    expect(response.status, JSON.stringify(answer)).toBeLessThan(500);
    expect(answer.__type).toMatch(/^com\.amaz(on\.coral\.service|onaws\.sfn)#[A-Za-z]+$/);
    expect(typeof answer.message).toBe('string');
  });

  it('validates a definition nested 5,000 deep as not JSON, and still answers afterwards', async () => {
    const deep = await post(
      'ValidateStateMachineDefinition',
      JSON.stringify({ definition: '['.repeat(5000) }),
    );
    expect(((await deep.json()) as { result: string }).result).toBe('FAIL');
    const response = await post('ListStateMachines', '{}');
    expect(response.status).toBe(200);
    expect(serve.child.exitCode).toBeNull();
  });
});
