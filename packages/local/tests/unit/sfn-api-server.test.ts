import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SfnApiError } from '../../src/http/api-error.js';
import { SfnApiServer } from '../../src/http/sfn-api-server.js';

describe('SfnApiServer (AWS JSON 1.0)', () => {
  const server = new SfnApiServer({
    Echo: (input) => ({ got: input }),
    Refuse: () => {
      throw new SfnApiError('TaskTimedOut', 'gone');
    },
    Crash: () => {
      throw new Error('boom');
    },
  });
  let url: string;

  beforeAll(async () => {
    url = await server.listen();
  });
  afterAll(async () => {
    await server.close();
  });

  const call = (target: string | undefined, body: string, method = 'POST') =>
    fetch(url, {
      method,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        ...(target ? { 'X-Amz-Target': `AWSStepFunctions.${target}` } : {}),
      },
      ...(method === 'POST' ? { body } : {}),
    });

  it('listens on 127.0.0.1 and routes by X-Amz-Target', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await call('Echo', '{"a":1}');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(response.headers.get('x-amzn-requestid')).toEqual(expect.any(String));
    expect(await response.json()).toEqual({ got: { a: 1 } });
  });

  it('answers errors with __type, the x-amzn-ErrorType header and HTTP 400', async () => {
    const refused = await call('Refuse', '{}');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-amzn-errortype')).toBe('TaskTimedOut');
    expect(await refused.json()).toEqual({
      __type: 'com.amazonaws.sfn#TaskTimedOut',
      message: 'gone',
    });

    const malformed = await call('Echo', '{not json');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#SerializationException',
    );

    const untargeted = await call(undefined, '{}');
    expect(((await untargeted.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#UnknownOperationException',
    );
    // Not an operation, even if it is a property of every object.
    const inherited = await call('toString', '{}');
    expect(((await inherited.json()) as { __type: string }).__type).toBe(
      'com.amazon.coral.service#UnknownOperationException',
    );

    const crashed = await call('Crash', '{}');
    expect(crashed.status).toBe(500);
    expect(await crashed.json()).toEqual({
      __type: 'com.amazonaws.sfn#InternalFailure',
      message: 'boom',
    });
  });

  it('grows by registering operations', async () => {
    server.register({ Later: () => ({ ok: true }) });
    expect(await (await call('Later', '{}')).json()).toEqual({ ok: true });
  });
});
