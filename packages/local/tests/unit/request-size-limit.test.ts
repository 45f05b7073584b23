import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SfnApiServer } from '../../src/http/sfn-api-server.js';

// The README's limit: a request body of at most 8 MiB (a 1 MiB definition however it is
// escaped); a larger one is answered 413.
const LIMIT = 8 * 1024 * 1024;

describe('the endpoint request size limit (README: 8 MiB)', () => {
  const server = new SfnApiServer({ Echo: (input) => ({ size: JSON.stringify(input).length }) });
  let url: string;

  beforeAll(async () => {
    url = await server.listen();
  });
  afterAll(async () => {
    await server.close();
  });

  /** A JSON body of exactly `bytes` bytes. */
  const bodyOf = (bytes: number) => `{"a":"${'x'.repeat(bytes - 8)}"}`;
  const call = (body: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'AWSStepFunctions.Echo',
      },
      body,
    });

  it('answers a body of 8,388,608 bytes', async () => {
    const body = bodyOf(LIMIT);
    expect(Buffer.byteLength(body)).toBe(LIMIT);
    expect((await call(body)).status).toBe(200);
  });

  it('answers one byte more with HTTP 413 SerializationException', async () => {
    const response = await call(bodyOf(LIMIT + 1));
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      message: 'Request body too large',
    });
  });
});
