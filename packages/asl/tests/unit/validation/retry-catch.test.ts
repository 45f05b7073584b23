import { describe, expect, it } from 'vitest';
import { errors, machine } from './helpers.js';

const task = (extra: Record<string, unknown>) =>
  machine({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...extra });

describe('Retry and Catch', () => {
  it('accepts every recorded retrier field (error_handling recordings)', () => {
    const retry = [
      { ErrorEquals: ['Custom'], MaxAttempts: 0 },
      {
        Comment: 'all features',
        ErrorEquals: ['States.ALL'],
        IntervalSeconds: 3,
        MaxAttempts: 2,
        BackoffRate: 1,
        MaxDelaySeconds: 5,
        JitterStrategy: 'FULL',
      },
    ];
    expect(errors(task({ Retry: retry }))).toEqual([]);
  });

  it('requires States.ALL alone and last', () => {
    expect(errors(task({ Retry: [{ ErrorEquals: ['States.ALL', 'X'] }] }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Retry[0]/ErrorEquals',
    ]);
    const catchers = [
      { ErrorEquals: ['States.ALL'], Next: 'S' },
      { ErrorEquals: ['X'], Next: 'S' },
    ];
    expect(errors(task({ Catch: catchers }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Catch[0]/ErrorEquals',
    ]);
  });

  it('checks numeric ranges and JitterStrategy', () => {
    const bad = [
      {
        ErrorEquals: ['X'],
        MaxAttempts: -1,
        BackoffRate: 0.5,
        IntervalSeconds: 0,
        MaxDelaySeconds: 31622401,
        JitterStrategy: 'HALF',
      },
    ];
    expect(errors(task({ Retry: bad }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Retry[0]/IntervalSeconds',
      'SCHEMA_VALIDATION_FAILED@/States/S/Retry[0]/MaxAttempts',
      'SCHEMA_VALIDATION_FAILED@/States/S/Retry[0]/MaxDelaySeconds',
      'SCHEMA_VALIDATION_FAILED@/States/S/Retry[0]/BackoffRate',
      'SCHEMA_VALIDATION_FAILED@/States/S/Retry[0]/JitterStrategy',
    ]);
  });

  it('requires ErrorEquals and Next; rejects unknown and other-language catcher fields', () => {
    expect(errors(task({ Retry: [{ ErrorEquals: [] }] }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Retry[0]/ErrorEquals',
    ]);
    expect(errors(task({ Catch: [{ ErrorEquals: ['X'] }] }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Catch[0]',
    ]);
    expect(errors(task({ Catch: [{ ErrorEquals: ['X'], Output: {}, Next: 'S' }] }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Catch[0]',
    ]);
    expect(errors(task({ Catch: [{ ErrorEquals: ['X'], ResultPath: '$$', Next: 'S' }] }))).toEqual([
      'SCHEMA_VALIDATION_FAILED@/States/S/Catch[0]/ResultPath',
    ]);
  });
});
