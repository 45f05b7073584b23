import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFunction } from '../../src/functions/local-function.js';

const codeDirectory = mkdtempSync(join(tmpdir(), 'sfn-callback-local-logs-'));
afterAll(() => rmSync(codeDirectory, { recursive: true, force: true }));

// A handler whose last words are the ones that explain a failure: printed just before it
// returns or throws, one of them without a newline, on both streams.
writeFileSync(
  join(codeDirectory, 'index.mjs'),
  `export const handler = async (event) => {
  for (let i = 0; i < 200; i++) console.log('line ' + i);
  console.error('about to answer');
  process.stdout.write('no newline at the end');
  if (event.fail) throw new Error('failed after logging');
  return 'ok';
};
`,
);

const spec = {
  logicalId: 'Logger',
  name: 'logger',
  arn: 'arn:aws:lambda:us-east-1:000000000000:function:logger',
  handler: 'index.handler',
  runtime: 'nodejs24.x',
  codeDirectory,
  environment: {},
  timeoutSeconds: 10,
  memorySize: 128,
};

describe('function log lines', () => {
  it('every line printed before an invocation ended is delivered by the time it ends, even if the function is closed at once', async () => {
    const lines: string[] = [];
    const fn = new LocalFunction(spec, {
      endpointUrl: 'http://127.0.0.1:1',
      region: 'us-east-1',
      onLog: (_name, line) => lines.push(line),
    });
    const succeeded = await fn.invoke({});
    const seenAtSuccess = [...lines];
    const failed = await fn.invoke({ fail: true });
    const seenAtFailure = [...lines];
    await fn.close();

    expect(succeeded).toMatchObject({ ok: true, payload: 'ok' });
    expect(failed).toMatchObject({ ok: false, errorMessage: 'failed after logging' });
    const once = [...Array.from({ length: 200 }, (_, i) => `line ${i}`), 'no newline at the end'];
    // stdout in order; stderr's line among them (two streams, no order between them).
    expect(seenAtSuccess.filter((line) => line !== 'about to answer')).toEqual(once);
    expect(seenAtSuccess).toContain('about to answer');
    expect(seenAtFailure.filter((line) => line === 'about to answer')).toHaveLength(2);
    // The unterminated line is a line of its own, not glued to the next invocation's first.
    expect(seenAtFailure.filter((line) => line === 'no newline at the end')).toHaveLength(2);
  });
});
