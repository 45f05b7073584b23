import { describe, expect, it } from 'vitest';
import { endedAsAsked, invariants, type ScanCounts, SLACK_MS } from '../src/fault-invariants.ts';
import type { AppReport, ExecutionResult, MessageCounts } from '../src/fault-run.ts';

// Each invariant row must turn red for its own reason: a consistent report is all green,
// and each test breaks one figure and expects exactly that row to fail.

const execution = (overrides: Partial<ExecutionResult> = {}): ExecutionResult => ({
  app: 'fault',
  index: 0,
  kind: 'succeed',
  duplicate: 'none',
  expected: { status: 'SUCCEEDED' },
  status: 'SUCCEEDED',
  durationMs: 100,
  callbackEnds: 1,
  closedByWorker: true,
  timeoutMs: 10_000,
  ...overrides,
});

const messages = (overrides: Partial<MessageCounts> = {}): MessageCounts => ({
  sentByStateMachine: 2,
  sentDuplicates: 0,
  sentPoison: 1,
  deleted: 2,
  inDeadLetterQueue: 1,
  expectedInDeadLetterQueue: 1,
  deadLetterByKind: { poison: 1 },
  deadLetteredWhileNeeded: 0,
  leftOnQueue: 0,
  batches: 2,
  batchItemFailures: 0,
  failedInvocations: 0,
  ...overrides,
});

const app = (overrides: Partial<AppReport> = {}): AppReport => ({
  app: 'fault',
  executions: [execution({ index: 0 }), execution({ index: 1 })],
  messages: messages(),
  proxy: {} as AppReport['proxy'],
  callbacks: { SendTaskSuccess: { ok: 2 } },
  outcomes: {},
  logLines: 0,
  openTasksAtEnd: 0,
  ...overrides,
});

const scan: ScanCounts = { tokenCount: 2, textCount: 10, charCount: 1000, leaks: 0 };
const failing = (apps: AppReport[], counts = scan) =>
  invariants(apps, counts)
    .filter((row) => !row.ok)
    .map((row) => row.invariant);

describe('fault-run invariants', () => {
  it('a consistent report is all green', () => {
    const rows = invariants([app()], scan);
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => !r.ok)).toEqual([]);
  });

  it('an execution that did not end as asked', () => {
    const report = app({ executions: [execution(), execution({ index: 1, status: 'FAILED' })] });
    expect(failing([report])).toEqual([
      'every execution ended, as its input asked (status and error)',
    ]);
  });

  it('a lost message', () => {
    expect(failing([app({ messages: messages({ deleted: 1 }) })])).toEqual([
      'fault app: sent = processed + in DLQ, none lost',
    ]);
  });

  it('a dead-lettered message that was still needed', () => {
    expect(failing([app({ messages: messages({ deadLetteredWhileNeeded: 1 }) })])).toEqual([
      'fault app: every poison and never-ready message is in the DLQ; nothing else there was still needed',
    ]);
  });

  it('a task completed twice', () => {
    expect(failing([app({ callbacks: { SendTaskSuccess: { ok: 3 } } })])).toEqual([
      'fault app: no task completed twice',
    ]);
  });

  it('an execution that waited past its timeout', () => {
    const late = execution({ index: 1, durationMs: 10_000 + SLACK_MS + 1 });
    expect(failing([app({ executions: [execution(), late] })])).toEqual([
      'no execution waited past its timeout',
    ]);
  });

  it('a token leak, or fewer tokens seen than executions', () => {
    const leak = 'no log line, error, cause, output, event or notification contains a token';
    expect(failing([app()], { ...scan, leaks: 1 })).toEqual([leak]);
    expect(failing([app()], { ...scan, tokenCount: 1 })).toEqual([leak]);
  });

  it('endedAsAsked checks the error too, when one is asked', () => {
    const asked = { status: 'FAILED', error: 'ScenarioError' };
    expect(
      endedAsAsked(execution({ expected: asked, status: 'FAILED', error: 'ScenarioError' })),
    ).toBe(true);
    expect(endedAsAsked(execution({ expected: asked, status: 'FAILED', error: 'Other' }))).toBe(
      false,
    );
  });
});
