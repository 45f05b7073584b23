import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { type Execution, StateMachine, systemClock } from '../../../src/index.js';
import { identity } from './run.js';

/** A Pass → Choice loop that never waits (the history limit ends it after 25,000 events). */
export const passChoiceLoop = {
  StartAt: 'Count',
  States: {
    Count: { Type: 'Pass', Next: 'Again' },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }],
      Default: 'Count',
    },
    Done: { Type: 'Succeed' },
  },
};

/** A Task loop whose handler answers at once (a resolved promise: microtasks only). */
const taskLoop = {
  StartAt: 'Work',
  States: {
    Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Again' },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }],
      Default: 'Work',
    },
    Done: { Type: 'Succeed' },
  },
};

/** An inline Map over `count` items, each a Pass. */
const bigMap = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      End: true,
    },
  },
};

function startMany(definition: object, count: number, input: unknown = {}): Execution[] {
  const machine = StateMachine.fromDefinition(definition);
  return Array.from({ length: count }, () =>
    machine.start({
      identity,
      input: input as never,
      tasks: async () => ({ ok: true }),
      clock: systemClock,
    }),
  );
}

const settled = (execution: Execution) => {
  let done = false;
  execution.result.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
};

describe('the engine yields to the event loop', () => {
  it.each([
    ['Pass → Choice loops', passChoiceLoop, {}],
    ['Task loops answered at once', taskLoop, {}],
    ['inline Maps over 50,000 items', bigMap, Array.from({ length: 50_000 }, (_, i) => i)],
  ])("a caller's own setTimeout fires while %s run", async (_, definition, input) => {
    const executions = startMany(definition, 10, input);
    const done = executions.map(settled);
    // Without yielding, this timer fires only once every execution has ended.
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(done.some((isDone) => isDone())).toBe(false);
    expect(executions.every((e) => e.history.length < 25_000)).toBe(true);
    for (const execution of executions) execution.stop('Stopped', 'by the test');
    for (const execution of executions) {
      expect(await execution.result).toEqual({
        status: 'ABORTED',
        error: 'Stopped',
        cause: 'by the test',
      });
      expect(execution.history.at(-1)?.type).toBe('ExecutionAborted');
    }
  });

  it('stop() reaches an execution that never waits', async () => {
    const [execution] = startMany(passChoiceLoop, 1) as [Execution];
    setTimeout(() => execution.stop(), 0);
    const result = await execution.result;
    expect(result.status).toBe('ABORTED');
    expect(execution.history.length).toBeLessThan(25_000);
  });

  it('a setImmediate of the caller runs between slices', async () => {
    const [execution] = startMany(passChoiceLoop, 1) as [Execution];
    const seen = await new Promise<number>((resolve) =>
      setImmediate(() => resolve(execution.history.length)),
    );
    // The execution had started, and made only a few slices of transitions.
    expect(seen).toBeGreaterThan(1);
    expect(seen).toBeLessThan(1_000);
    execution.stop();
    await execution.result;
  });

  it('an HTTP server in the same process answers while executions loop', async () => {
    const server = createServer((_, response) => response.end('pong'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const executions = startMany(passChoiceLoop, 10);
      const done = executions.map(settled);
      const answer = await (await fetch(`http://127.0.0.1:${port}/`)).text();
      expect(answer).toBe('pong');
      expect(done.some((isDone) => isDone())).toBe(false);
      for (const execution of executions) execution.stop();
      await Promise.all(executions.map((e) => e.result));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
