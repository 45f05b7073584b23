import { request } from 'node:http';
import {
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { type HistoryEvent, LocalRunner } from '../../src/index.js';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';
import { startServe } from '../support/serve-process.js';
import { waitForEnd } from '../support/sfn-client.js';

/**
 * Virtual time on the whole loop: waits pass at once when nothing is in flight, and never
 * while a function, a delivery or a request is. No test here measures the wall clock: each
 * has a 30-second timeout that the real-time path (a 3-minute visibility timeout) could not
 * meet.
 */
const TEST_TIMEOUT_MS = 30_000;

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const at = (events: readonly { type: string; timestamp: string | Date }[], type: string) => {
  const event = events.find((e) => e.type === type);
  if (!event) throw new Error(`no ${type} in ${events.map((e) => e.type).join(', ')}`);
  return new Date(event.timestamp).getTime();
};

afterAll(removeFixtures);

describe('`run` on virtual time (its default): a worker that fails once', () => {
  let app: string;
  beforeAll(async () => {
    // The new user's case: the queue's 3-minute visibility timeout brings the message back.
    app = await synthFixture({
      visibilityTimeoutSeconds: 180,
      heartbeatSeconds: 300,
      timeoutSeconds: 900,
    });
  });

  it(
    'succeeds on the second delivery, 3 minutes of virtual time after the first',
    async () => {
      const { code, out, err } = await cli([
        'run',
        '--app',
        app,
        '--input',
        '{"mode":"fail-once"}',
        '--json',
        '--verbose',
      ]);
      expect(code).toBe(0);
      const result = JSON.parse(out);
      expect(result).toMatchObject({ status: 'SUCCEEDED', time: { mode: 'virtual' } });
      // The retry: the worker saw the message twice, failing the first receive.
      expect(err).toMatch(/fail-once: receive 1 fails[\s\S]*fail-once: receive 2 answers/);
      const types = result.events.map((e: HistoryEvent) => e.type);
      expect(types).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSubmitted',
        'TaskSucceeded',
        'TaskStateExited',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskSucceeded',
        'TaskStateExited',
        'ExecutionSucceeded',
      ]);
      // The message came back after exactly the visibility timeout, on the virtual clock.
      expect(at(result.events, 'TaskSucceeded') - at(result.events, 'TaskSubmitted')).toBe(180_000);
      expect(new Date(result.stopDate).getTime() - new Date(result.startDate).getTime()).toBe(
        180_000,
      );
      const answered = result.events.find((e: HistoryEvent) => e.type === 'TaskSucceeded');
      expect(JSON.parse(answered.taskSucceededEventDetails.output).processed).toEqual({
        mode: 'fail-once',
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'says so in the text report, beside the real time it took',
    async () => {
      const { code, out } = await cli(['run', '--app', app, '--input', '{"order":1}']);
      expect(code).toBe(0);
      expect(out).toMatch(
        /Status\s+SUCCEEDED \(as expected\) in 0 ms of virtual time \(\d+ ms real\)/,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe('`serve --time virtual`: the same worker, driven over the API', () => {
  it(
    'says so in its banner, and the SDK sees the execution end with its 3-minute history',
    async () => {
      const app = await synthFixture({
        visibilityTimeoutSeconds: 180,
        heartbeatSeconds: 300,
        timeoutSeconds: 900,
      });
      const serve = await startServe(['--app', app, '--time', 'virtual', '--no-console']);
      const sfn = new SFNClient({
        endpoint: serve.endpointUrl,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      try {
        expect(serve.stdout()).toMatch(/^Time\s+virtual/m);
        const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
        const { executionArn } = await sfn.send(
          new StartExecutionCommand({
            stateMachineArn: stateMachines[0]?.stateMachineArn,
            input: '{"mode":"fail-once"}',
          }),
        );
        const ended = await waitForEnd(sfn, executionArn as string);
        expect(ended.status).toBe('SUCCEEDED');
        const { events = [] } = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn: executionArn as string }),
        );
        const byType = events.map((e) => ({ type: e.type ?? '', timestamp: e.timestamp ?? '' }));
        expect(at(byType, 'TaskSucceeded') - at(byType, 'TaskSubmitted')).toBe(180_000);
      } finally {
        sfn.destroy();
        await serve.stop('SIGTERM');
      }
    },
    TEST_TIMEOUT_MS,
  );
});

describe('virtual time does not skip while work is in flight', () => {
  let runner: LocalRunner;
  beforeAll(async () => {
    // A 1-second heartbeat; the "slow" worker takes 300 ms of real time before it answers.
    const assembly = await synthFixture({ heartbeatSeconds: 1, timeoutSeconds: 60 });
    runner = await LocalRunner.start({ assembly, time: 'virtual' });
  });
  afterAll(async () => {
    await runner?.close();
  });

  it(
    'a function invocation holds time: the slow worker answers within its heartbeat',
    async () => {
      const execution = await runner.runExecution({ mode: 'slow' });
      expect(execution.status).toBe('SUCCEEDED');
      expect(execution.events.map((e) => e.type)).not.toContain('TaskTimedOut');
      // The 300 ms of real work took no virtual time.
      expect(at(execution.events, 'TaskSucceeded')).toBe(at(execution.events, 'TaskSubmitted'));
      // Every hold is let go once the worker has returned and its batch is settled.
      await until(() => runner.time.work.total === 0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'with nothing in flight, the same heartbeat passes at once (what the hold prevents)',
    async () => {
      const execution = await runner.runExecution({ mode: 'silent' });
      expect(execution.status).toBe('FAILED');
      const timedOut = execution.events.find((e) => e.type === 'TaskTimedOut');
      // A missed heartbeat is States.Timeout, as AWS records it; it fell due 1 s after the
      // task started (not at the 60-second TimeoutSeconds).
      expect(timedOut?.taskTimedOutEventDetails?.error).toBe('States.Timeout');
      expect(at(execution.events, 'TaskTimedOut') - at(execution.events, 'TaskStarted')).toBe(1000);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('a request to the endpoint holds virtual time until it is answered', () => {
  let runner: LocalRunner;
  beforeAll(async () => {
    const assembly = await synthFixture({ heartbeatSeconds: 1, timeoutSeconds: 60 });
    // No workers: the test answers the token itself, over HTTP.
    runner = await LocalRunner.start({ assembly, time: 'virtual', workers: false });
  });
  afterAll(async () => {
    await runner?.close();
  });

  it(
    'a SendTaskSuccess whose body is still arriving is not beaten by the heartbeat',
    async () => {
      const url = new URL(runner.endpointUrl);
      const call = request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        headers: {
          'X-Amz-Target': 'AWSStepFunctions.SendTaskSuccess',
          'Content-Type': 'application/x-amz-json-1.0',
        },
      });
      const answered = new Promise<number>((resolve, reject) => {
        call.on('response', (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        call.on('error', reject);
      });
      call.flushHeaders();
      await until(() => runner.time.work.counts.request === 1);

      // Now the execution reaches its callback; only the open request holds its heartbeat.
      const execution = runner.startExecution({ order: 'by hand' });
      const queue = [...runner.queues.values()].find((q) =>
        q.spec.logicalId.startsWith('WorkerQueue'),
      );
      await until(() => queue?.visibleCount === 1, execution);
      const [message] = queue?.peek() ?? [];
      const token = JSON.parse(message?.body ?? '{}').TaskToken;
      // Real time passes meanwhile (well past nothing); the virtual heartbeat must not.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(execution.status).toBe('RUNNING');
      call.end(JSON.stringify({ taskToken: token, output: '{"by":"hand"}' }));
      expect(await answered).toBe(200);
      const ended = await execution.done;
      expect(ended.status).toBe('SUCCEEDED');
      expect(runner.time.work.counts.request).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );
});

/** Polls a condition every few milliseconds (real time: the work runs in real time). */
async function until(condition: () => boolean, execution?: { status: string }): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) {
    if (execution && execution.status !== 'RUNNING') throw new Error(`ended ${execution.status}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (!condition()) throw new Error('condition never held');
}
