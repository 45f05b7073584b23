/**
 * The fault worker: an SQS-triggered function written with @sfn-callback/middy-sqs whose
 * behaviour the execution input chooses (see `scenarios.ts`). `NodejsFunction` bundles it at
 * synth time; the local runner runs that bundle.
 */
import { RetryableError, sqsCallbackHandler } from '@sfn-callback/middy-sqs';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { FAULT_TIMING, SCENARIO_ERROR, SCENARIOS, type ScenarioInput } from './scenarios.ts';

/** A hand-written Standard Schema (no validation library in the bundle). */
const scenarioSchema: StandardSchemaV1<unknown, ScenarioInput> = {
  '~standard': {
    version: 1,
    vendor: 'reliability',
    validate(value) {
      const input = value as Partial<ScenarioInput> | null;
      if (typeof input !== 'object' || input === null)
        return { issues: [{ message: 'the input must be an object' }] };
      if (!SCENARIOS.includes(input.scenario as ScenarioInput['scenario']))
        return { issues: [{ message: `unknown scenario`, path: ['scenario'] }] };
      if (typeof input.seed !== 'number')
        return { issues: [{ message: 'seed must be a number', path: ['seed'] }] };
      return { value: input as ScenarioInput };
    },
  },
};

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

export const handler = sqsCallbackHandler(
  async (input, { record, signal }) => {
    const firstReceive = record.attributes.ApproximateReceiveCount === '1';
    switch (input.scenario) {
      case 'fail':
        throw new ScenarioError(`scenario ${input.seed} failed on purpose`);
      case 'throw-string':
        throw `scenario ${input.seed} threw a string`;
      case 'retryable-once':
        if (firstReceive) throw new RetryableError('not yet: try again');
        break;
      case 'retryable-forever':
        throw new RetryableError('never ready');
      case 'slow-heartbeat':
        await sleep(FAULT_TIMING.slowMs, signal);
        break;
      case 'timeout-mid-batch':
        // Runs until the time guard aborts the signal (the invocation is nearly out of time).
        if (firstReceive) await sleep(60_000, signal);
        break;
      case 'hard-timeout':
        // Ignores the signal: the function timeout ends the invocation (Sandbox.Timedout).
        if (firstReceive) await sleep(FAULT_TIMING.functionTimeoutSeconds * 1000 + 500);
        break;
      default:
        break;
    }
    return { scenario: input.scenario, seed: input.seed };
  },
  {
    schema: scenarioSchema,
    concurrency: FAULT_TIMING.workerConcurrency,
    heartbeatIntervalSeconds: FAULT_TIMING.heartbeatIntervalSeconds,
    remainingTimeMarginMs: FAULT_TIMING.remainingTimeMarginMs,
  },
);

class ScenarioError extends Error {
  override readonly name = SCENARIO_ERROR;
}
