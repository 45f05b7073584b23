import type { Json } from '../json.js';
import type { RandomSource } from '../scope.js';
import type { IntrinsicArgument } from './ast.js';

/**
 * The implementation of one intrinsic function: its evaluated arguments, the parsed
 * arguments (States.Format reads its template's placeholders from them) and the injected
 * randomness.
 */
export type IntrinsicFunction = (
  args: readonly Json[],
  nodes: readonly IntrinsicArgument[],
  random: RandomSource,
) => Json;
