import type { Json } from '../json.js';
import {
  expectArity,
  invalidArguments,
  numberArg,
  roundHalfUp,
  truncateToInt,
} from './arguments.js';
import type { IntrinsicFunction } from './intrinsic-function.js';
import { seededRandomInt } from './seeded-random.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** An int32 argument of States.MathAdd, rounded as Java's Math.round does. */
function addend(value: Json | undefined): number {
  const rounded = roundHalfUp(numberArg('States.MathAdd', value));
  if (rounded < INT32_MIN || rounded > INT32_MAX) throw invalidArguments('States.MathAdd');
  return rounded;
}

/**
 * `States.MathAdd(a, b)`: the sum of both arguments, each rounded half up first
 * (1.49 + 1.5 = 1 + 2 = 3: intrinsic_functions/test_math_add#exec_hist_resp_1).
 */
export const mathAdd: IntrinsicFunction = (args) => {
  expectArity('States.MathAdd', args, 2);
  return addend(args[0]) + addend(args[1]);
};

/**
 * `States.MathRandom(start, end[, seed])`: an integer in [start, end), bounds truncated to
 * integers; the same seed gives the same number.
 */
export const mathRandom: IntrinsicFunction = (args, _nodes, random) => {
  expectArity('States.MathRandom', args, 2, 3);
  const start = truncateToInt(numberArg('States.MathRandom', args[0]));
  const end = truncateToInt(numberArg('States.MathRandom', args[1]));
  if (start >= end) throw invalidArguments('States.MathRandom');
  if (args.length === 3) {
    const seed = truncateToInt(numberArg('States.MathRandom', args[2]));
    return start + seededRandomInt(seed, end - start);
  }
  return start + Math.floor(random.next() * (end - start));
};
