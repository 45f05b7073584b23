import type { Json } from '../json.js';
import { expectArity, invalidArguments, objectArg, stringArg } from './arguments.js';
import type { IntrinsicFunction } from './intrinsic-function.js';

/** JSON.parse gives -0 for "-0"; AWS (Java) outputs 0 (test_string_to_json#exec_hist_resp_3). */
const noNegativeZero = (_key: string, value: unknown): unknown =>
  Object.is(value, -0) ? 0 : value;

/**
 * `States.StringToJson(text)`: the parsed value. A blank text gives null
 * (intrinsic_functions/test_string_to_json#exec_hist_resp_0, _1).
 */
export const stringToJson: IntrinsicFunction = (args) => {
  expectArity('States.StringToJson', args, 1);
  const text = stringArg('States.StringToJson', args[0]);
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text, text.includes('-0') ? noNegativeZero : undefined) as Json;
  } catch {
    throw invalidArguments('States.StringToJson');
  }
};

/** `States.JsonToString(value)`: compact JSON text (test_json_to_string#exec_hist_resp_7). */
export const jsonToString: IntrinsicFunction = (args) => {
  expectArity('States.JsonToString', args, 1);
  return JSON.stringify(args[0] ?? null);
};

/**
 * `States.JsonMerge(a, b, false)`: a shallow merge, `b`'s keys winning. AWS supports only
 * the shallow mode, so the third argument must be the boolean false.
 */
export const jsonMerge: IntrinsicFunction = (args) => {
  expectArity('States.JsonMerge', args, 3);
  const left = objectArg('States.JsonMerge', args[0]);
  const right = objectArg('States.JsonMerge', args[1]);
  if (args[2] !== false) throw invalidArguments('States.JsonMerge');
  return { ...left, ...right };
};
