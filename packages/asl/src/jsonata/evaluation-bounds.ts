import type jsonata from 'jsonata';
import { holdVirtualTime } from '../time/virtual-time-holds.js';

/**
 * The bounds of one JSONata evaluation. AWS bounds its own (jsonata-js 2.0.6 too) and fails
 * the state with `States.QueryEvaluationError`; measured on AWS TestState and quoted in
 * floci-io/floci issue #2737 (there are no recordings in the corpus):
 * - non-tail recursion fails near an evaluation depth of 100 with "Stack overflow error: …";
 * - `[1..873783] ~> $count()` fails with "Expression evaluation memory limit exceeded: …",
 *   `[1..873782]` passes; a string of 2^22 characters passes and one of 2^23 fails.
 * AWS's time bound is not documented and not measured.
 */
export const JSONATA_BOUNDS = {
  /**
   * Evaluation steps in flight (jsonata's entry hook minus its exit hook). Far above AWS's
   * ~100 on purpose: jsonata evaluates the members of an array or object constructor
   * concurrently, so siblings add to the count (a grouping over 5,000 keys holds 5,000 steps
   * at once) and a bound as tight as AWS's would refuse expressions AWS accepts. 10,000
   * still stops a runaway non-tail recursion after a few thousand calls and a few MB.
   */
  maxDepth: 10_000,
  /**
   * Real time (never the injected clock) one evaluation may take, including the pauses
   * below. The largest sequence AWS accepts evaluates in about 0.1 s, so 5 s never cuts off
   * an expression AWS completes, and a tail-recursive loop, which never gets deeper, ends.
   */
  maxMillis: 5_000,
  /**
   * Every this many milliseconds of evaluation, the evaluation waits for one turn of the
   * event loop (`setImmediate`), so that a runaway expression never holds a server's
   * requests, timers or signals for longer than this while it runs into `maxMillis`.
   */
  sliceMillis: 20,
  /**
   * The memory one value may hold, estimated as 8 bytes an array item and 1 byte a string
   * character: the bound lies between AWS's two measured boundaries (873,782 × 8).
   */
  maxValueBytes: 6_990_256,
};

/** AWS's text when evaluation recurses too deep (floci-io/floci issue #2737, measured on AWS). */
export const STACK_OVERFLOW_MESSAGE =
  'Stack overflow error: Check for non-terminating recursive function. Consider rewriting as tail-recursive.';
/** AWS's text when a value grows too large (floci-io/floci issue #2737, measured on AWS). */
export const MEMORY_LIMIT_MESSAGE =
  'Expression evaluation memory limit exceeded: Check for excessive memory usage';
/** jsonata's own time-box text (its test suite's), as AWS's is not known. */
export const TIMEOUT_MESSAGE = 'Expression evaluation timeout: Check for infinite loop';

/** Thrown from a hook to end the evaluation; reported as AWS reports an uncoded error. */
export class EvaluationBoundExceeded extends Error {}

/**
 * The binding that carries an evaluation's budget to the hooks. The space makes it a name
 * no expression can write (`$sfn callback…` is `$sfn` then a syntax error), and workflow
 * variable names cannot hold one either.
 */
const BUDGET_BINDING = 'sfn-callback evaluation budget';
/** The clock is read once every this many steps: reading it costs more than a step. */
const STEPS_PER_CLOCK_READ = 128;

const giveTurn: (resume: () => void) => void =
  typeof setImmediate === 'function' ? setImmediate : (resume) => setTimeout(resume, 0);

/** One turn of the event loop, during which a virtual clock stands still. */
function nextTurn(): Promise<void> {
  const release = holdVirtualTime();
  return new Promise((resolve) =>
    giveTurn(() => {
      release();
      resolve();
    }),
  );
}

/** One evaluation's running totals, checked by the hooks. */
class EvaluationBudget {
  #depth = 0;
  #steps = 0;
  readonly #startedAt = performance.now();
  #sliceStartedAt = this.#startedAt;
  readonly #bounds: typeof JSONATA_BOUNDS;

  constructor(bounds: typeof JSONATA_BOUNDS) {
    this.#bounds = bounds;
  }

  enter(): Promise<void> | undefined {
    if (++this.#depth > this.#bounds.maxDepth) {
      throw new EvaluationBoundExceeded(STACK_OVERFLOW_MESSAGE);
    }
    if (++this.#steps % STEPS_PER_CLOCK_READ !== 0) return undefined;
    const now = performance.now();
    if (now - this.#startedAt > this.#bounds.maxMillis) {
      throw new EvaluationBoundExceeded(TIMEOUT_MESSAGE);
    }
    if (now - this.#sliceStartedAt < this.#bounds.sliceMillis) return undefined;
    return nextTurn().then(() => {
      this.#sliceStartedAt = performance.now();
    });
  }

  exit(result: unknown): void {
    this.#depth--;
    const bytes = Array.isArray(result)
      ? result.length * 8
      : typeof result === 'string'
        ? result.length
        : 0;
    if (bytes > this.#bounds.maxValueBytes) {
      throw new EvaluationBoundExceeded(MEMORY_LIMIT_MESSAGE);
    }
  }
}

interface Frame {
  lookup(name: string): unknown;
}

function budgetOf(environment: Frame): EvaluationBudget | undefined {
  const budget = environment.lookup(BUDGET_BINDING);
  return budget instanceof EvaluationBudget ? budget : undefined;
}

/**
 * Installs the hooks jsonata 2.0.6 calls around every evaluation step (keyed by these
 * symbols; the string names of older docs are ignored). They do nothing for an evaluation
 * that was not given a budget with {@link budgetBinding}.
 */
export function installEvaluationBounds(expression: jsonata.Expression): void {
  // Typed with string names only, though jsonata binds any key.
  const assign = expression.assign.bind(expression) as unknown as (
    name: symbol,
    value: unknown,
  ) => void;
  assign(
    Symbol.for('jsonata.__evaluate_entry'),
    (_expr: unknown, _input: unknown, environment: Frame) => budgetOf(environment)?.enter(),
  );
  assign(
    Symbol.for('jsonata.__evaluate_exit'),
    (_expr: unknown, _input: unknown, environment: Frame, result: unknown) =>
      budgetOf(environment)?.exit(result),
  );
}

/**
 * The binding to add to an evaluation's bindings: a fresh budget, so that concurrent
 * evaluations of one cached expression are bounded each on its own.
 */
export function budgetBinding(
  bounds: typeof JSONATA_BOUNDS = JSONATA_BOUNDS,
): Record<string, unknown> {
  return { [BUDGET_BINDING]: new EvaluationBudget(bounds) };
}
