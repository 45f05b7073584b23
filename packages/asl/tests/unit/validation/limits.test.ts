import { describe, expect, it } from 'vitest';
import { isRfc3339 } from '../../../src/validation/timestamp.js';
import { diagnostics, errors, machine } from './helpers.js';

const task = (extra: Record<string, unknown>) =>
  machine({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...extra });

describe('timeouts', () => {
  it('requires positive integer timeouts with the heartbeat below the timeout', () => {
    expect(errors(task({ TimeoutSeconds: 10, HeartbeatSeconds: 5 }))).toEqual([]);
    expect(errors(task({ TimeoutSeconds: 0 }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/TimeoutSeconds',
    ]);
    expect(errors(task({ TimeoutSeconds: 1.5 }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/TimeoutSeconds',
    ]);
    expect(errors(task({ TimeoutSeconds: 5, HeartbeatSeconds: 5 }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/HeartbeatSeconds',
    ]);
  });

  it('rejects a value given with its Path form', () => {
    expect(errors(task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S',
    ]);
  });

  it('lets a JSONata expression through (checked when evaluated)', () => {
    expect(errors(task({ QueryLanguage: 'JSONata', TimeoutSeconds: '{% $t %}' }))).toEqual([]);
  });
});

describe('Wait', () => {
  it('requires exactly one of Seconds, SecondsPath, Timestamp, TimestampPath', () => {
    expect(errors(machine({ Type: 'Wait' }))).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S']);
    expect(errors(machine({ Type: 'Wait', Seconds: 1, SecondsPath: '$.s' }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S',
    ]);
  });

  it('bounds Seconds to 0..99999999', () => {
    expect(errors(machine({ Type: 'Wait', Seconds: 0 }))).toEqual([]);
    expect(errors(machine({ Type: 'Wait', Seconds: 100000000 }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Seconds',
    ]);
  });

  it('rejects the timestamps CreateStateMachine rejected (wait/test_wait_timestamp_invalid[*])', () => {
    for (const ts of [
      '05-12-2016T21:29:29Z',
      '2016-12-05T25:29:29Z',
      '2016-12-05 21:29:29Z',
      '2016-12-05T21:29:29',
    ]) {
      const d = diagnostics({
        StartAt: 'WaitUntil',
        States: { WaitUntil: { Type: 'Wait', Timestamp: ts, End: true } },
      });
      expect(
        d.map((x) => `${x.code}: ${x.message} at ${x.location}`),
        ts,
      ).toEqual([
        'SCHEMA_VALIDATION_FAILED: String does not match RFC3339 timestamp at /States/WaitUntil/Timestamp',
      ]);
    }
  });

  it('accepts nanoseconds (wait/test_wait_timestamp[NANOSECONDS]) and offsets', () => {
    expect(errors(machine({ Type: 'Wait', Timestamp: '2016-03-05T21:29:29.243167252Z' }))).toEqual(
      [],
    );
    expect(isRfc3339('2016-03-05T21:29:29+01:00')).toBe(true);
    expect(isRfc3339('2016-02-30T00:00:00Z')).toBe(false);
    expect(isRfc3339('2016-03-05t21:29:29z')).toBe(false);
  });
});

describe('Map limits', () => {
  const block = { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } };
  it('checks MaxConcurrency and the tolerated failure fields', () => {
    expect(
      errors(
        machine({
          Type: 'Map',
          ItemProcessor: block,
          MaxConcurrency: 0,
          ToleratedFailurePercentage: 100,
        }),
      ),
    ).toEqual([]);
    expect(errors(machine({ Type: 'Map', ItemProcessor: block, MaxConcurrency: -1 }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/MaxConcurrency',
    ]);
    expect(
      errors(machine({ Type: 'Map', ItemProcessor: block, ToleratedFailurePercentage: 101 })),
    ).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S/ToleratedFailurePercentage']);
    expect(
      errors(
        machine({
          Type: 'Map',
          ItemProcessor: block,
          MaxConcurrency: 1,
          MaxConcurrencyPath: '$.m',
        }),
      ),
    ).toEqual(['SCHEMA_VALIDATION_FAILED@/States/S']);
  });
});
