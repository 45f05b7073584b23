/**
 * The fault-injection run: many executions of the fault app and of the example app through
 * the local runner, with seeded faults on the Step Functions endpoint (a proxy), on the
 * queue (duplicate and late deliveries, poison messages) and in the worker (the scenarios),
 * then the invariants checked on counts taken from the runner, the queues, the endpoint and
 * the functions' logs. Its parts: the plan (fault-plan.ts), one app's run
 * (fault-run-app.ts), the invariants (fault-invariants.ts), the types (fault-run-types.ts).
 */
import { invariants } from './fault-invariants.ts';
import { plan } from './fault-plan.ts';
import { runApp } from './fault-run-app.ts';
import type { FaultRunOptions, FaultRunReport } from './fault-run-types.ts';
import { mulberry32 } from './prng.ts';
import { synthApps } from './synth.ts';
import { TokenScanner } from './token-scanner.ts';

export { endedAsAsked } from './fault-invariants.ts';
export type {
  AppReport,
  ExecutionResult,
  FaultRunOptions,
  FaultRunReport,
  InvariantRow,
  MessageCounts,
  PlanKind,
} from './fault-run-types.ts';

/** Default options: the shares the issue asks for. */
export const DEFAULT_FAULTS: Omit<
  FaultRunOptions,
  'seed' | 'faultExecutions' | 'exampleExecutions'
> = {
  poisonMessages: 12,
  duplicateShare: 0.05,
  lateDuplicateShare: 0.03,
  rates: { throttle: 0.08, serverError: 0.04, lostResponse: 0.02, jitterMs: 20 },
  exampleRates: { throttle: 0.02, serverError: 0.01, lostResponse: 0.02, jitterMs: 20 },
  weights: {
    succeed: 40,
    fail: 12,
    'throw-string': 3,
    'retryable-once': 10,
    'retryable-forever': 1,
    'slow-heartbeat': 2,
    'timeout-mid-batch': 1,
    'hard-timeout': 0.5,
    'bad-shape': 2,
  },
  exampleFailShare: 0.3,
};

/**
 * Runs the fault-injection run and checks its invariants. The same options and seed replay
 * the same plan and the same sequence of proxy faults (timing still varies a little).
 */
export async function runFaultInjection(options: FaultRunOptions): Promise<FaultRunReport> {
  const wallStart = Date.now();
  const apps = options.apps ?? synthApps();
  const random = mulberry32(options.seed);
  const { fault, example } = plan(options, random);
  const scanner = new TokenScanner();
  try {
    const reports = await Promise.all([
      runApp('fault', apps.faultAssembly, fault, options, options.seed + 1, scanner),
      runApp('example', apps.exampleAssembly, example, options, options.seed + 2, scanner),
    ]);
    scanner.finish();
    return {
      seed: options.seed,
      wallMs: Date.now() - wallStart,
      apps: reports,
      invariants: invariants(reports, scanner),
      tokensIssued: scanner.tokenCount,
      textsScanned: scanner.textCount,
      tokenLeaks: scanner.leaks,
      leaksIn: (text) => scanner.leaksIn(text),
    };
  } finally {
    if (!options.apps) apps.remove();
  }
}
