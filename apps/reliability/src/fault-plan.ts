/**
 * The plan of a fault-injection run, drawn from its seed: what each execution is asked to
 * do, which callback messages are delivered twice, and the poison messages. Pure: the same
 * options and random source give the same plan.
 */
import { TASK_TOKEN_MAX_LENGTH } from '@sfn-callback/task-token';
import type { Duplicate, FaultRunOptions, PlannedExecution } from './fault-run-types.ts';
import { pickWeighted } from './prng.ts';
import { expectedEnd, FAULT_TIMING } from './scenarios.ts';

/** Poison bodies: not JSON, JSON not an object, no token, token not a string, token too long, empty. */
export function poisonBody(index: number): string {
  switch (index % 6) {
    case 0:
      return `not json ${index}`;
    case 1:
      return `[${index}]`;
    case 2:
      return JSON.stringify({ Input: { scenario: 'succeed', seed: 'poison' } });
    case 3:
      return JSON.stringify({ TaskToken: index, Input: {} });
    case 4:
      return JSON.stringify({ TaskToken: 'A'.repeat(TASK_TOKEN_MAX_LENGTH + 1), Input: {} });
    default:
      return ' ';
  }
}

/** The executions of both apps, drawn from `random`. */
export function plan(
  options: FaultRunOptions,
  random: () => number,
): {
  fault: PlannedExecution[];
  example: PlannedExecution[];
} {
  const duplicate = (): { duplicate: Duplicate; duplicateDelayMs: number } => {
    const r = random();
    const d = random();
    if (r < options.duplicateShare) return { duplicate: 'soon', duplicateDelayMs: d * 500 };
    if (r < options.duplicateShare + options.lateDuplicateShare)
      return {
        duplicate: 'late',
        duplicateDelayMs: FAULT_TIMING.visibilityTimeoutSeconds * 1000 + d * 2000,
      };
    return { duplicate: 'none', duplicateDelayMs: 0 };
  };
  const fault = Array.from({ length: options.faultExecutions }, (_, seed) => {
    const kind = pickWeighted(random, options.weights);
    const input: Record<string, unknown> =
      kind === 'bad-shape'
        ? seed % 2 === 0
          ? { scenario: 'no-such-scenario', seed }
          : { scenario: 'succeed', seed: `#${seed}`, seedNumber: seed }
        : { scenario: kind, seed };
    return { kind, input, expected: expectedEnd(input), ...duplicate() };
  });
  const example = Array.from({ length: options.exampleExecutions }, (_, seed) => {
    const fail = random() < options.exampleFailShare;
    return {
      kind: fail ? ('example-fail' as const) : ('example-succeed' as const),
      input: fail ? { seed, fail: true } : { seed },
      expected: fail ? { status: 'FAILED', error: 'ExampleWorkerError' } : { status: 'SUCCEEDED' },
      ...duplicate(),
    };
  });
  return { fault, example };
}

/** The seed of a callback message's input (the plan index), from its body. */
export function seedOf(body: string): number | undefined {
  try {
    const input = (JSON.parse(body) as { Input?: { seed?: unknown; seedNumber?: unknown } }).Input;
    const seed = input?.seedNumber ?? input?.seed;
    return typeof seed === 'number' ? seed : undefined;
  } catch {
    return undefined;
  }
}
