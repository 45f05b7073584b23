import { describe, expect, it } from 'vitest';
import { start } from './run.js';

describe('virtual time while an execution yields', () => {
  it('does not move while another branch still has work ready (paused between slices)', async () => {
    const { execution } = start(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Sleep',
                States: {
                  Sleep: { Type: 'Wait', Seconds: 1, Next: 'Woke' },
                  Woke: { Type: 'Pass', End: true },
                },
              },
              {
                StartAt: 'Busy',
                States: {
                  Busy: {
                    Type: 'Map',
                    ItemsPath: '$.items',
                    MaxConcurrency: 1,
                    ItemProcessor: {
                      StartAt: 'Step',
                      States: { Step: { Type: 'Pass', End: true } },
                    },
                    End: true,
                  },
                },
              },
            ],
            End: true,
          },
        },
      },
      { items: Array.from({ length: 300 }, (_, i) => i) },
    );
    expect((await execution.result).status).toBe('SUCCEEDED');
    // The busy branch's 300 iterations (several slices) all happen at virtual time 0.
    const busy = execution.history.filter((e) => e.type === 'MapIterationSucceeded');
    expect(busy).toHaveLength(300);
    expect(busy.every((e) => e.timestamp.getTime() === 0)).toBe(true);
    const woke = execution.history.find((e) => e.stateEnteredEventDetails?.name === 'Woke');
    expect(woke?.timestamp.getTime()).toBe(1000);
  });
});
