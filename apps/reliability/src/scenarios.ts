/**
 * The fault scenarios: what the fault worker does with an input, and what the execution
 * must end with. Shared by the worker (bundled into the function), the run and the tests.
 */

/** What the worker is asked to do, from the execution input `{ "scenario": ..., "seed": ... }`. */
export type Scenario =
  /** returns: SendTaskSuccess */
  | 'succeed'
  /** throws a plain Error: SendTaskFailure(ScenarioError) */
  | 'fail'
  /** throws a string (not an Error): SendTaskFailure(Error, the string) */
  | 'throw-string'
  /** throws a RetryableError on its first receive: redelivered after the visibility timeout, then succeeds */
  | 'retryable-once'
  /** always throws a RetryableError: the message reaches the DLQ, the task's heartbeat times out */
  | 'retryable-forever'
  /** runs past the automatic heartbeat interval several times, then succeeds */
  | 'slow-heartbeat'
  /** first receive: runs until the invocation's time runs out (the time guard aborts it), then succeeds on redelivery */
  | 'timeout-mid-batch'
  /** first receive: blocks past the function timeout (ignoring the signal): Sandbox.Timedout, the whole batch comes back; then succeeds */
  | 'hard-timeout';

export const SCENARIOS: readonly Scenario[] = [
  'succeed',
  'fail',
  'throw-string',
  'retryable-once',
  'retryable-forever',
  'slow-heartbeat',
  'timeout-mid-batch',
  'hard-timeout',
];

/** The execution input of a fault scenario. */
export interface ScenarioInput {
  readonly scenario: Scenario;
  readonly seed: number;
}

/** The error the fault worker throws for `fail`; the execution's error is this name. */
export const SCENARIO_ERROR = 'ScenarioError';

/** The fault app's timing (short, so a run that waits out redeliveries stays fast). */
export const FAULT_TIMING = {
  /** Lambda timeout, seconds. The queue's visibility timeout is derived: 6× this. */
  functionTimeoutSeconds: 2,
  visibilityTimeoutSeconds: 12,
  /**
   * The callback task's HeartbeatSeconds: well above maxReceiveCount × the visibility timeout
   * (36 s), so a message redelivered up to its last receive still finds its task open even
   * when it first waited in a backlog (a loaded CI machine: 40 s once left a retried task
   * 4 s short).
   */
  heartbeatSeconds: 50,
  /** The callback task's TimeoutSeconds. */
  timeoutSeconds: 70,
  maxReceiveCount: 3,
  /** The worker's automatic heartbeat interval, seconds. */
  heartbeatIntervalSeconds: 0.3,
  /** Time the worker keeps for answering: no record starts with less left. */
  remainingTimeMarginMs: 600,
  /** Records of a batch run at once by the worker (low, so a slow record delays the others). */
  workerConcurrency: 3,
  /** How long `slow-heartbeat` runs, ms (several heartbeat intervals). */
  slowMs: 1000,
} as const;

/** The status (and error) an execution of the fault app must end with, per scenario. */
export function expectedEnd(input: unknown): { status: 'SUCCEEDED' | 'FAILED'; error?: string } {
  const { scenario, seed } = (input ?? {}) as { scenario?: unknown; seed?: unknown };
  // An input of the wrong shape: the worker's schema refuses it.
  if (typeof seed !== 'number') return { status: 'FAILED', error: 'InvalidCallbackMessageError' };
  switch (scenario) {
    case 'succeed':
    case 'retryable-once':
    case 'slow-heartbeat':
    case 'timeout-mid-batch':
    case 'hard-timeout':
      return { status: 'SUCCEEDED' };
    case 'fail':
      return { status: 'FAILED', error: SCENARIO_ERROR };
    case 'throw-string':
      return { status: 'FAILED', error: 'Error' };
    case 'retryable-forever':
      // A missed heartbeat, as AWS records it: States.Timeout.
      return { status: 'FAILED', error: 'States.Timeout' };
    default:
      // An input of the wrong shape: the worker's schema refuses it.
      return { status: 'FAILED', error: 'InvalidCallbackMessageError' };
  }
}
