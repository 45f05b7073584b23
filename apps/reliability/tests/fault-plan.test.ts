import { parseCallbackMessage } from '@sfn-callback/task-token';
import { describe, expect, it } from 'vitest';
import { plan, poisonBody, seedOf } from '../src/fault-plan.ts';
import { DEFAULT_FAULTS, type FaultRunOptions } from '../src/fault-run.ts';
import { mulberry32 } from '../src/prng.ts';
import { FAULT_TIMING } from '../src/scenarios.ts';

const options: FaultRunOptions = {
  ...DEFAULT_FAULTS,
  seed: 7,
  faultExecutions: 2000,
  exampleExecutions: 1000,
};

describe('the fault plan', () => {
  it('is the same for the same seed, and differs for another', () => {
    expect(plan(options, mulberry32(7))).toEqual(plan(options, mulberry32(7)));
    expect(plan(options, mulberry32(8))).not.toEqual(plan(options, mulberry32(7)));
  });

  it('has the asked number of executions, each input carrying its place as its seed', () => {
    const { fault, example } = plan(options, mulberry32(7));
    expect(fault).toHaveLength(2000);
    expect(example).toHaveLength(1000);
    fault.forEach((entry, index) => {
      const body = JSON.stringify({ TaskToken: 't', Input: entry.input });
      expect(seedOf(body)).toBe(index);
    });
  });

  it('draws duplicates near the asked shares, late ones after the visibility timeout', () => {
    const { fault, example } = plan(options, mulberry32(7));
    const all = [...fault, ...example];
    const share = (d: string) => all.filter((e) => e.duplicate === d).length / all.length;
    expect(share('soon')).toBeGreaterThan(options.duplicateShare * 0.7);
    expect(share('soon')).toBeLessThan(options.duplicateShare * 1.3);
    expect(share('late')).toBeGreaterThan(options.lateDuplicateShare * 0.6);
    expect(share('late')).toBeLessThan(options.lateDuplicateShare * 1.4);
    for (const e of all.filter((x) => x.duplicate === 'late')) {
      expect(e.duplicateDelayMs).toBeGreaterThanOrEqual(
        FAULT_TIMING.visibilityTimeoutSeconds * 1000,
      );
    }
    for (const e of all.filter((x) => x.duplicate === 'soon')) {
      expect(e.duplicateDelayMs).toBeLessThan(500);
    }
  });

  it('asks the example app to fail near its share, expecting its error', () => {
    const { example } = plan(options, mulberry32(7));
    const failing = example.filter((e) => e.kind === 'example-fail');
    expect(failing.length / example.length).toBeGreaterThan(options.exampleFailShare * 0.8);
    expect(failing.length / example.length).toBeLessThan(options.exampleFailShare * 1.2);
    for (const e of failing) {
      expect(e.input).toMatchObject({ fail: true });
      expect(e.expected).toEqual({ status: 'FAILED', error: 'ExampleWorkerError' });
    }
  });

  it('never plans a scenario whose weight is 0', () => {
    const { fault } = plan(
      { ...options, weights: { ...options.weights, 'hard-timeout': 0 } },
      mulberry32(7),
    );
    expect(fault.some((e) => e.kind === 'hard-timeout')).toBe(false);
  });
});

describe('poison bodies', () => {
  it('are six kinds, none of them a usable callback message', () => {
    const reasons = Array.from({ length: 6 }, (_, i) => {
      const parsed = parseCallbackMessage(poisonBody(i));
      expect(parsed.ok).toBe(false);
      return parsed.ok ? 'ok' : parsed.error.reason;
    });
    expect(reasons).toEqual([
      'not-json',
      'not-an-object',
      'token-missing',
      'token-invalid',
      'token-invalid',
      'empty',
    ]);
  });

  it('carry no seed, so they are counted as poison', () => {
    for (let i = 0; i < 6; i++) expect(seedOf(poisonBody(i))).toBeUndefined();
  });
});
