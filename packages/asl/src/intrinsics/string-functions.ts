import { expectArity, stringArg } from './arguments.js';
import type { IntrinsicFunction } from './intrinsic-function.js';

/**
 * `States.StringSplit(text, delimiters)`: each character of `delimiters` separates, and
 * empty pieces are dropped (",,,," gives []: intrinsic_functions/test_string_split#
 * exec_hist_resp_3; "T\n" splits on both: #exec_hist_resp_6).
 */
export const stringSplit: IntrinsicFunction = (args) => {
  expectArity('States.StringSplit', args, 2);
  const text = stringArg('States.StringSplit', args[0]);
  const delimiters = new Set(stringArg('States.StringSplit', args[1]));
  const pieces: string[] = [];
  let piece = '';
  for (const c of text) {
    if (!delimiters.has(c)) {
      piece += c;
      continue;
    }
    if (piece !== '') pieces.push(piece);
    piece = '';
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
};

/** `States.UUID()`: a version 4 UUID from the injected random source. */
export const statesUuid: IntrinsicFunction = (args, _nodes, random) => {
  expectArity('States.UUID', args, 0);
  return random.uuid();
};
