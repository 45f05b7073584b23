/**
 * `@aws-sdk/client-sfn` against the `sfn-callback-local serve` process, workers on, as a
 * test suite would drive it: start, wait on DescribeExecution until the status is terminal,
 * read the history page by page; then SIGTERM stops serve cleanly.
 */
import {
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFixtures, synthFixture } from '../fixtures/fixture-app.js';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { waitForEnd } from '../support/sfn-client.js';

describe('the AWS SDK for JavaScript v3 against serve', () => {
  let serve: ServeProcess;
  let sfn: SFNClient;

  beforeAll(async () => {
    const app = await synthFixture({ heartbeatSeconds: 30, timeoutSeconds: 60 });
    serve = await startServe(['--app', app]);
    sfn = new SFNClient({
      endpoint: serve.endpointUrl,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    sfn?.destroy();
    if (serve && serve.child.exitCode === null) await serve.stop('SIGKILL');
    removeFixtures();
  });

  it('runs the callback loop to SUCCEEDED and FAILED, pages the history, and stops on SIGTERM', async () => {
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    const stateMachineArn = stateMachines[0]?.stateMachineArn as string;
    const [ok, ko] = await Promise.all([
      sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"orderId":1}' })),
      sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"fail":true}' })),
    ]);
    const [succeeded, failed] = await Promise.all([
      waitForEnd(sfn, ok.executionArn as string),
      waitForEnd(sfn, ko.executionArn as string),
    ]);
    expect(succeeded.status).toBe('SUCCEEDED');
    expect(succeeded.stopDate).toBeInstanceOf(Date);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'CallbackFailed' });

    // Page by page (3 events a page) gives the whole history, in order; reversed, the end first.
    const whole = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: ok.executionArn as string }),
    );
    const paged: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: ok.executionArn as string,
          maxResults: 3,
          nextToken,
        }),
      );
      paged.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(paged.map((e) => e.id)).toEqual(whole.events?.map((e) => e.id));
    expect(whole.events?.map((e) => e.type)).toEqual(
      expect.arrayContaining(['TaskScheduled', 'TaskSubmitted', 'TaskSucceeded']),
    );
    const reversed = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: ko.executionArn as string,
        reverseOrder: true,
        maxResults: 1,
      }),
    );
    expect(reversed.events?.[0]).toMatchObject({
      type: 'ExecutionFailed',
      executionFailedEventDetails: { error: 'CallbackFailed' },
    });

    const { code, ms } = await serve.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    expect(serve.stdout()).toContain('Stopping');
  });
});
