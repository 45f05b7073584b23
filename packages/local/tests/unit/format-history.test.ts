import {
  type Json,
  type RecordedHistoryEvent,
  StateMachine,
  VirtualClock,
} from '@sfn-callback/asl';
import { describe, expect, it } from 'vitest';
import { formatHistory } from '../../src/cli/format-history.js';
import type { ExecutionDescription } from '../../src/model/execution.js';

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:Items';

function describeEvents(events: readonly RecordedHistoryEvent[]): ExecutionDescription {
  return {
    executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:run`,
    stateMachineArn: ARN,
    name: 'run',
    status: 'SUCCEEDED',
    startDate: new Date(0),
    input: '{}',
    events,
    notifications: [],
    taskTokens: [],
  };
}

/** Runs `definition` on the engine; returns its history. */
async function historyOf(definition: object, input: Json): Promise<RecordedHistoryEvent[]> {
  const execution = StateMachine.fromDefinition(definition).start({
    identity: {
      executionArn: `${ARN.replace(':stateMachine:', ':execution:')}:run`,
      executionName: 'run',
      stateMachineArn: ARN,
      stateMachineName: 'Items',
      roleArn: 'arn:aws:iam::000000000000:role/items',
    },
    input,
    clock: new VirtualClock(0),
    tasks: async () => ({}),
  });
  await execution.result;
  return [...execution.history];
}

/** The table's rows as { type, step }, cut at the header's column starts. */
function steps(table: string): { type: string; step: string }[] {
  const [header = '', ...lines] = table.split('\n');
  const type = header.indexOf('Type');
  const step = header.indexOf('Step');
  const resource = header.indexOf('Resource');
  return lines.map((line) => ({
    type: line.slice(type, step).trim(),
    step: line.slice(step, resource).trim(),
  }));
}

const mapOver = (iteration: object) => ({
  StartAt: 'Each Item',
  States: {
    'Each Item': {
      Type: 'Map',
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...iteration },
      End: true,
    },
  },
});

describe('formatHistory', () => {
  it("shows the Map state as the step of its iteration and Map events (AWS names it in the iterations' details)", async () => {
    const history = await historyOf(
      mapOver({ StartAt: 'Double', States: { Double: { Type: 'Pass', End: true } } }),
      [1, 2, 3],
    );
    const rows = steps(formatHistory(describeEvents(history)));
    expect(rows.map((row) => row.type)).toEqual(history.map((event) => event.type));
    const mapRows = rows.filter((row) => /^Map(State|Iteration)/.test(row.type));
    expect(mapRows.map((row) => row.type)).toEqual(
      expect.arrayContaining(['MapStateStarted', 'MapIterationStarted', 'MapIterationSucceeded']),
    );
    for (const row of mapRows) expect(row, row.type).toMatchObject({ step: 'Each Item' });
    for (const row of rows.filter((r) => r.type.startsWith('PassState')))
      expect(row.step).toBe('Double');
    for (const row of rows.filter((r) => r.type.startsWith('Execution')))
      expect(row.step).toBe('-');
  });

  it('names the Map state after an iteration fails inside it', async () => {
    const history = await historyOf(
      mapOver({ StartAt: 'Refuse', States: { Refuse: { Type: 'Fail', Error: 'Refused' } } }),
      [1],
    );
    const rows = steps(formatHistory(describeEvents(history)));
    expect(rows.map((row) => row.type)).toEqual(
      expect.arrayContaining(['MapIterationFailed', 'MapStateFailed']),
    );
    for (const row of rows.filter((r) => /^Map(State|Iteration)/.test(r.type)))
      expect(row, row.type).toMatchObject({ step: 'Each Item' });
  });

  it('formats a history of 250,000 events (an inline Map over 60,000 items has as many)', () => {
    const count = 250_000;
    const events: RecordedHistoryEvent[] = Array.from({ length: count }, (_, index) => {
      const id = index + 1;
      const timestamp = new Date(index);
      if (index === 0)
        return { id, previousEventId: 0, timestamp, type: 'ExecutionStarted' } as const;
      return index % 2 === 1
        ? {
            id,
            previousEventId: index,
            timestamp,
            type: 'PassStateEntered',
            stateEnteredEventDetails: { name: `Step ${id}`, input: '{}' },
          }
        : {
            id,
            previousEventId: index,
            timestamp,
            type: 'PassStateExited',
            stateExitedEventDetails: { name: `Step ${id - 1}`, output: '{}' },
          };
    });
    const lines = formatHistory(describeEvents(events)).split('\n');
    expect(lines).toHaveLength(count + 1);
    // The widest cell sets each column: the last id, and "Step 250000" as the step.
    expect(lines.at(-1)).toMatch(/^250000 {2}PassStateEntered {2}Step 250000 {2}- {8}/);
    expect(lines[1]).toMatch(/^ {5}1 {2}ExecutionStarted/);
  });
});
