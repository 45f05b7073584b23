import jsonata from 'jsonata';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../../../src/json.js';
import { evaluateJsonataBody } from '../../../src/jsonata/evaluate-expression.js';
import {
  budgetBinding,
  installEvaluationBounds,
  JSONATA_BOUNDS,
  MEMORY_LIMIT_MESSAGE,
  STACK_OVERFLOW_MESSAGE,
  TIMEOUT_MESSAGE,
} from '../../../src/jsonata/evaluation-bounds.js';
import { StatesError } from '../../../src/states-error.js';
import { fakeScope } from './fake-scope.js';

const defaults = { ...JSONATA_BOUNDS };
// Only the tests of the real-time bound meet it: on a loaded machine (CI runs every package's
// tests at once on two cores) a depth or memory test could otherwise end on time instead.
beforeEach(() => {
  JSONATA_BOUNDS.maxMillis = 60_000;
});
afterEach(() => Object.assign(JSONATA_BOUNDS, defaults));

async function failure(body: string): Promise<StatesError> {
  try {
    await evaluateJsonataBody(body, { input: {} }, fakeScope(), 'Output');
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    return error as StatesError;
  }
  throw new Error(`expected ${body} to fail`);
}

const evaluate = (body: string, variables: Record<string, Json> = {}) =>
  evaluateJsonataBody(body, { input: {} }, fakeScope(variables), 'Output');

describe("jsonata 2.0.6's evaluation hooks", () => {
  it('fire around every step when set with the symbols, and a throw ends the evaluation', async () => {
    const expression = jsonata('1 + 2 * 3');
    const seen: string[] = [];
    expression.assign(Symbol.for('jsonata.__evaluate_entry') as never, (node: { type: string }) => {
      seen.push(node.type);
    });
    expect(await expression.evaluate(undefined)).toBe(7);
    expect(seen).toEqual(['binary', 'number', 'binary', 'number', 'number']);

    const stopped = jsonata('1 + 2');
    stopped.assign(Symbol.for('jsonata.__evaluate_exit') as never, () => {
      throw new Error('stop');
    });
    await expect(stopped.evaluate(undefined)).rejects.toThrow('stop');
  });

  it('are not called for an evaluation without a budget', async () => {
    const expression = jsonata('[1..5] ~> $count()');
    installEvaluationBounds(expression);
    expect(await expression.evaluate(undefined)).toBe(5);
    const bounded = { ...JSONATA_BOUNDS, maxValueBytes: 8 };
    await expect(expression.evaluate(undefined, budgetBinding(bounded))).rejects.toThrow(
      MEMORY_LIMIT_MESSAGE,
    );
  });
});

describe('JSONata evaluation bounds', () => {
  it('a tail-recursive loop ends on the real-time bound with States.QueryEvaluationError', async () => {
    JSONATA_BOUNDS.maxMillis = 200;
    const error = await failure('($f := function($x){ $f($x + 1) }; $f(1))');
    expect(error.error).toBe('States.QueryEvaluationError');
    expect(error.cause).toBe(
      `The JSONata expression '($f := function($x){ $f($x + 1) }; $f(1))' specified for the field 'Output' threw an error during evaluation: ${TIMEOUT_MESSAGE}`,
    );
    expect(error.location).toBe('Output');
  });

  it('a non-tail recursion ends on the depth bound with the text AWS gives', async () => {
    const error = await failure('($f := function($x){ 1 + $f($x + 1) }; $f(1))');
    expect(error.error).toBe('States.QueryEvaluationError');
    expect(error.cause).toContain(`threw an error during evaluation: ${STACK_OVERFLOW_MESSAGE}`);
  });

  it("a RangeError inside jsonata (the process's own stack) ends as a QueryEvaluationError", async () => {
    let deep: Json = 1;
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    for (const body of [
      '$string($states.input)',
      `(${'('.repeat(20_000)}1${')'.repeat(20_000)})`,
    ]) {
      try {
        await evaluateJsonataBody(body, { input: deep }, fakeScope(), 'Output');
        throw new Error('expected a failure');
      } catch (error) {
        expect(error).toBeInstanceOf(StatesError);
        expect((error as StatesError).error).toBe('States.QueryEvaluationError');
        expect((error as StatesError).cause).toContain(STACK_OVERFLOW_MESSAGE);
      }
    }
  });

  it('a deep recursion that ends returns its value', async () => {
    expect(await evaluate('($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(500))')).toBe(
      500,
    );
  });

  it('a sequence past the memory bound fails as on AWS; the largest AWS accepts passes', async () => {
    expect(await evaluate('[1..873782] ~> $count()')).toBe(873782);
    const error = await failure('[1..873783] ~> $count()');
    expect(error.cause).toContain(`threw an error during evaluation: ${MEMORY_LIMIT_MESSAGE}`);
    expect((await failure('[1..10000000] ~> $count()')).cause).toContain(MEMORY_LIMIT_MESSAGE);
  });

  it('yields to the event loop while a runaway expression runs', async () => {
    JSONATA_BOUNDS.maxMillis = 300;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      await failure('($f := function($x){ $f($x + 1) }; $f(1))');
    } finally {
      clearInterval(timer);
    }
    // A timer ran while the expression held the only thread.
    expect(ticks).toBeGreaterThan(0);
  });

  it('bounds each concurrent evaluation of one cached expression on its own', async () => {
    const body = '($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(400))';
    const results = await Promise.all(Array.from({ length: 20 }, () => evaluate(body)));
    expect(results).toEqual(Array.from({ length: 20 }, () => 400));
  });

  it('groupings over many keys are not mistaken for deep recursion', async () => {
    const body = '$count($keys([1..5000]{ $string($): $ }))';
    // Each key's value is evaluated concurrently: 5,000 steps in flight at once.
    expect(await evaluate(body)).toBe(5000);
    // Which is why the bound sits far above AWS's ~100: at 1,000 this grouping would fail.
    JSONATA_BOUNDS.maxDepth = 1000;
    expect((await failure(body)).cause).toContain(STACK_OVERFLOW_MESSAGE);
  });

  it('a variable named like an Object.prototype member is just a binding', async () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
      expect(await evaluate(`$${name}`, { [name]: 'own' })).toBe('own');
      expect((await failure(`$${name}`)).cause).toContain('returned nothing (undefined)');
    }
  });
});
