import { describe, expect, it } from 'vitest';
import '../src/vitest.ts';
import { TestMachine } from '../src/index.ts';

const waits = TestMachine.fromDefinition({
  StartAt: 'Cool Off',
  States: {
    'Cool Off': { Type: 'Wait', Seconds: 86_400, Next: 'Remind' },
    Remind: { Type: 'Pass', Result: 'reminded', Next: 'Again' },
    Again: { Type: 'Wait', Seconds: 3_600, End: true },
  },
});

describe('virtual time', () => {
  it('passes a Wait of a day instantly by default', async () => {
    const execution = await waits.run({}, { startTime: '2026-03-01T00:00:00Z' });
    expect(execution).toHaveSucceeded('reminded');
    expect(execution.now.toISOString()).toBe('2026-03-02T01:00:00.000Z');
    const entered = execution.history.find((e) => e.type === 'PassStateEntered');
    expect(entered?.timestamp.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('with autoAdvance off, only the test moves time, and can look in between', async () => {
    const execution = waits.start({}, { startTime: 0, autoAdvance: false });
    await expect(execution.finished()).rejects.toThrow(
      /time is held \(auto-advance is off\): the next timer is due at 1970-01-02T00:00:00\.000Z/,
    );
    await execution.advanceTime({ hours: 23 });
    expect(execution.path()).toEqual(['Cool Off']);
    await execution.advanceTime({ hours: 1 });
    expect(execution.path()).toEqual(['Cool Off', 'Remind', 'Again']);
    expect(execution.status).toBe('RUNNING');
    await execution.advanceTime({ minutes: 60 });
    expect(await execution.finished()).toEqual({ status: 'SUCCEEDED', output: 'reminded' });
  });

  it('machine.with adds defaults for every test of that machine', async () => {
    const fromMonday = waits.with({ startTime: '2026-03-02T00:00:00Z' });
    const execution = await fromMonday.run({});
    expect(execution.now.toISOString()).toBe('2026-03-03T01:00:00.000Z');
  });
});
