import { describe, expect, it } from 'vitest';
import { consoleCounts } from '../../../src/console/console-overview.js';
import type { ConsoleSource } from '../../../src/console/console-source.js';
import { FunctionLog } from '../../../src/console/function-log.js';

const MACHINE = 'arn:aws:states:us-east-1:000000000000:stateMachine:Orders';

const execution = (name: string, status: string, stateMachineArn = MACHINE) => ({
  executionArn: `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`,
  stateMachineArn,
  name,
  status,
});

describe('consoleCounts', () => {
  it("counts a Map Run's children apart from the executions the console lists", () => {
    const executions = [
      execution('first', 'SUCCEEDED'),
      execution('parent', 'RUNNING'),
      execution('child-1', 'SUCCEEDED', `${MACHINE}/Batch`),
      execution('child-2', 'RUNNING', `${MACHINE}/Batch`),
      execution('child-3', 'RUNNING', `${MACHINE}/Batch`),
    ];
    const source = {
      model: { stackName: 'S', region: 'us-east-1' },
      queues: new Map(),
      topics: new Map(),
      executions: () => executions,
      describeExecution: () => undefined,
      pendingTasks: () => [],
      activityWork: () => ({ tasks: [], polls: [] }),
    } as unknown as ConsoleSource;
    expect(consoleCounts(source, new FunctionLog())).toMatchObject({
      executions: 2,
      running: 1,
      lastExecutionArn: `${MACHINE.replace(':stateMachine:', ':execution:')}:parent`,
      lastStatus: 'RUNNING',
      mapRunChildren: 3,
      mapRunChildrenRunning: 2,
    });
  });
});
