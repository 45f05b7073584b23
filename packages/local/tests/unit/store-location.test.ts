import { describe, expect, it } from 'vitest';
import { LocalStore, TEMPORARY_STORE } from '../../src/store/local-store.js';

const execution = (name: string) => ({
  executionArn: `arn:aws:states:us-east-1:000000000000:execution:m:${name}`,
  stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
  name,
  status: 'RUNNING' as const,
  startDate: new Date(0),
  input: '{}',
});

describe('the store without a data directory', () => {
  it("is SQLite's temporary database, one per store: two runners in a process see only their own", () => {
    const first = LocalStore.open();
    const second = LocalStore.open();
    try {
      expect(first.location).toBe(TEMPORARY_STORE);
      first.insertExecution(execution('a'));
      first.flush();
      expect(first.executionCount).toBe(1);
      expect(second.executionCount).toBe(0);
      expect(first.execution(execution('a').executionArn)?.name).toBe('a');
    } finally {
      first.close();
      second.close();
    }
  });
});
