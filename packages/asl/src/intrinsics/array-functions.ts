import type { Json } from '../json.js';
import { arrayArg, expectArity, invalidArguments, numberArg, truncateToInt } from './arguments.js';
import type { IntrinsicFunction } from './intrinsic-function.js';
import { canonicalJson, jsonEquals } from './json-equality.js';

/** AWS caps States.ArrayRange at 1000 items. */
const MAX_RANGE_ITEMS = 1000;

/** `States.Array(...)`: its arguments, as an array (zero arguments give `[]`). */
export const statesArray: IntrinsicFunction = (args) => [...args];

/** `States.ArrayPartition(array, size)`: chunks of `size` items, the last maybe shorter. */
export const arrayPartition: IntrinsicFunction = (args) => {
  expectArity('States.ArrayPartition', args, 2);
  const array = arrayArg('States.ArrayPartition', args[0]);
  const size = truncateToInt(numberArg('States.ArrayPartition', args[1]));
  if (size < 1) throw invalidArguments('States.ArrayPartition');
  const chunks: Json[] = [];
  for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
  return chunks;
};

/** `States.ArrayContains(array, value)`: whether an item equals `value` structurally. */
export const arrayContains: IntrinsicFunction = (args) => {
  expectArity('States.ArrayContains', args, 2);
  const array = arrayArg('States.ArrayContains', args[0]);
  const wanted = args[1] ?? null;
  return array.some((item) => jsonEquals(item, wanted));
};

/** `States.ArrayRange(start, end, step)`: from start to end inclusive, at most 1000 items. */
export const arrayRange: IntrinsicFunction = (args) => {
  expectArity('States.ArrayRange', args, 3);
  const start = truncateToInt(numberArg('States.ArrayRange', args[0]));
  const end = truncateToInt(numberArg('States.ArrayRange', args[1]));
  const step = truncateToInt(numberArg('States.ArrayRange', args[2]));
  if (step === 0) throw invalidArguments('States.ArrayRange');
  const count = Math.max(0, Math.floor((end - start) / step) + 1);
  if (count > MAX_RANGE_ITEMS) throw invalidArguments('States.ArrayRange');
  const items: number[] = [];
  for (let i = 0; i < count; i++) items.push(start + i * step);
  return items;
};

/** `States.ArrayGetItem(array, index)`: the item at a zero-based index. */
export const arrayGetItem: IntrinsicFunction = (args) => {
  expectArity('States.ArrayGetItem', args, 2);
  const array = arrayArg('States.ArrayGetItem', args[0]);
  const index = truncateToInt(numberArg('States.ArrayGetItem', args[1]));
  const item = index >= 0 ? array[index] : undefined;
  if (item === undefined) throw invalidArguments('States.ArrayGetItem');
  return item;
};

/** `States.ArrayLength(array)`: the number of items. */
export const arrayLength: IntrinsicFunction = (args) => {
  expectArity('States.ArrayLength', args, 1);
  return arrayArg('States.ArrayLength', args[0]).length;
};

/** `States.ArrayUnique(array)`: the items without repeats, first occurrences kept in order. */
export const arrayUnique: IntrinsicFunction = (args) => {
  expectArity('States.ArrayUnique', args, 1);
  const seen = new Set<string>();
  const unique: Json[] = [];
  for (const item of arrayArg('States.ArrayUnique', args[0])) {
    const key = canonicalJson(item);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(item);
  }
  return unique;
};
