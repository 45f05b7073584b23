/**
 * The store behind `serve`, through the SDK: 3,000 executions all stay answerable (the
 * runner used to forget all but the last 1,000), a restarted `serve --data-dir` answers
 * for what the previous one ran, and a `serve` killed with SIGKILL mid-run leaves a store
 * that opens, with every committed execution and history intact.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, INTERRUPTED_CAUSE } from '../../src/store/local-store.js';
import { openDatabase } from '../../src/store/open-database.js';
import { type ServeProcess, startServe } from '../support/serve-process.js';
import { localClient, waitForEnd } from '../support/sfn-client.js';

const ROLE = 'arn:aws:iam::012345678901:role/DummyRole';
const THREE_STATES = JSON.stringify({
  StartAt: 'A',
  States: {
    A: { Type: 'Pass', Result: 1, ResultPath: '$.a', Next: 'B' },
    B: { Type: 'Pass', Result: 2, ResultPath: '$.b', Next: 'C' },
    C: { Type: 'Succeed' },
  },
});

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
}

describe('the store', () => {
  const serves: ServeProcess[] = [];
  const clients: SFNClient[] = [];
  const open = async (args: string[]) => {
    const serve = await startServe(args);
    serves.push(serve);
    const sfn = localClient(serve.endpointUrl);
    clients.push(sfn);
    return { serve, sfn };
  };

  afterEach(async () => {
    for (const sfn of clients.splice(0)) sfn.destroy();
    for (const serve of serves.splice(0))
      if (serve.child.exitCode === null) await serve.stop('SIGKILL');
  });

  it('keeps 3,000 executions answerable, and a restarted serve --data-dir answers for them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-store-'));
    const { serve, sfn } = await open(['--data-dir', dataDir]);
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: 'Many', definition: THREE_STATES, roleArn: ROLE }),
    );
    const count = 3000;
    const arns: string[] = new Array(count);
    const began = performance.now();
    let next = 0;
    const rss: number[] = [];
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < count) {
          const index = next++;
          const started = await sfn.send(
            new StartExecutionCommand({
              stateMachineArn,
              name: `e${index}`,
              input: `{"i":${index}}`,
            }),
          );
          arns[index] = started.executionArn as string;
          if (index === 1000 || index === 2999) rss.push(rssMb(serve.child.pid as number));
        }
      }),
    );
    const last = await waitForEnd(sfn, arns[count - 1] as string);
    const took = performance.now() - began;
    console.log(
      `3,000 StartExecution through the SDK: ${took.toFixed(0)} ms (${((count / took) * 1000).toFixed(0)}/s); serve RSS ${rss.map((m) => `${m.toFixed(0)} MB`).join(' -> ')} (at #1000, #2999)`,
    );
    expect(last.status).toBe('SUCCEEDED');

    const first = await sfn.send(new DescribeExecutionCommand({ executionArn: arns[0] }));
    expect(first).toMatchObject({ status: 'SUCCEEDED', name: 'e0', input: '{"i":0}' });
    expect(JSON.parse(first.output as string)).toEqual({ i: 0, a: 1, b: 2 });
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arns[0] }));
    expect(history.events?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    const page = await sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 1000 }));
    expect(page.executions).toHaveLength(1000);
    // Newest first.
    const starts = (page.executions ?? []).map((e) => e.startDate?.getTime() ?? 0);
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(page.nextToken).toBeDefined();

    expect((await serve.stop('SIGTERM')).code).toBe(0);
    const again = await open(['--data-dir', dataDir]);
    const machines = await again.sfn.send(new ListStateMachinesCommand({}));
    expect(machines.stateMachines?.map((m) => m.name)).toEqual(['Many']);
    const restored = await again.sfn.send(new DescribeExecutionCommand({ executionArn: arns[0] }));
    expect(restored).toMatchObject({ status: 'SUCCEEDED', output: first.output });
    expect(restored.startDate).toEqual(first.startDate);
    const restoredHistory = await again.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: arns[0] }),
    );
    expect(restoredHistory.events).toEqual(history.events);
    // The name stays taken, as on AWS (90 days).
    await expect(
      again.sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'e0' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('survives SIGKILL mid-run: committed executions intact, the interrupted one ended ABORTED', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfn-store-kill-'));
    const { serve, sfn } = await open(['--data-dir', dataDir]);
    const quick = (
      await sfn.send(
        new CreateStateMachineCommand({ name: 'Quick', definition: THREE_STATES, roleArn: ROLE }),
      )
    ).stateMachineArn as string;
    const slow = (
      await sfn.send(
        new CreateStateMachineCommand({
          name: 'Slow',
          roleArn: ROLE,
          definition: JSON.stringify({
            StartAt: 'W',
            States: { W: { Type: 'Wait', Seconds: 3600, End: true } },
          }),
        }),
      )
    ).stateMachineArn as string;
    const done = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: quick, name: 'done' }),
    );
    await waitForEnd(sfn, done.executionArn as string);
    const waiting = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: slow, name: 'waiting' }),
    );
    // Executions being written when the kill lands.
    const inFlight = Array.from({ length: 200 }, (_, i) =>
      sfn
        .send(new StartExecutionCommand({ stateMachineArn: quick, name: `burst${i}` }))
        .then((started) => started.executionArn as string)
        .catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    await serve.stop('SIGKILL');
    const answered = (await Promise.all(inFlight)).filter((arn) => arn !== undefined);

    // The file opens and is consistent.
    const db = openDatabase(join(dataDir, DATABASE_FILE));
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();

    const again = await open(['--data-dir', dataDir]);
    const kept = await again.sfn.send(
      new DescribeExecutionCommand({ executionArn: done.executionArn }),
    );
    expect(kept.status).toBe('SUCCEEDED');
    const history = await again.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: done.executionArn }),
    );
    expect(history.events?.at(-1)?.type).toBe('ExecutionSucceeded');
    const interrupted = await again.sfn.send(
      new DescribeExecutionCommand({ executionArn: waiting.executionArn }),
    );
    expect(interrupted).toMatchObject({ status: 'ABORTED', cause: INTERRUPTED_CAUSE });
    // Its history ends as a stopped execution's does on AWS: ExecutionAborted, chained to the last event.
    const abortedHistory = (
      await again.sfn.send(new GetExecutionHistoryCommand({ executionArn: waiting.executionArn }))
    ).events;
    const last = abortedHistory?.at(-1);
    expect(last).toMatchObject({
      type: 'ExecutionAborted',
      id: abortedHistory?.length,
      previousEventId: (abortedHistory?.length ?? 0) - 1,
      executionAbortedEventDetails: { cause: INTERRUPTED_CAUSE },
    });
    expect(abortedHistory?.filter((event) => event.type === 'ExecutionAborted')).toHaveLength(1);
    // Whatever of the burst was committed is whole: ended, or ended ABORTED by the reopen.
    const listed = await again.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: quick, maxResults: 1000 }),
    );
    for (const execution of listed.executions ?? []) {
      expect(['SUCCEEDED', 'ABORTED']).toContain(execution.status);
    }
    // Every execution a client was given an ARN for was committed before the answer.
    const listedArns = new Set(listed.executions?.map((e) => e.executionArn));
    expect(answered.filter((arn) => !listedArns.has(arn))).toEqual([]);
    console.log(
      `SIGKILL mid-burst: ${answered.length} of 200 StartExecution answered before the kill, ${(listed.executions?.length ?? 0) - 1} burst executions in the reopened store`,
    );
  });
});
