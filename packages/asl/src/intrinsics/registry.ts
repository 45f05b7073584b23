import {
  arrayContains,
  arrayGetItem,
  arrayLength,
  arrayPartition,
  arrayRange,
  arrayUnique,
  statesArray,
} from './array-functions.js';
import { base64Decode, base64Encode } from './encoding-functions.js';
import { statesFormat } from './format-function.js';
import type { IntrinsicName } from './function-names.js';
import { statesHash } from './hash-function.js';
import type { IntrinsicFunction } from './intrinsic-function.js';
import { jsonMerge, jsonToString, stringToJson } from './json-functions.js';
import { mathAdd, mathRandom } from './math-functions.js';
import { statesUuid, stringSplit } from './string-functions.js';

/** Each intrinsic function's implementation; the type makes the table complete. */
export const INTRINSIC_FUNCTIONS: Readonly<Record<IntrinsicName, IntrinsicFunction>> = {
  'States.Format': statesFormat,
  'States.StringToJson': stringToJson,
  'States.JsonToString': jsonToString,
  'States.Array': statesArray,
  'States.ArrayPartition': arrayPartition,
  'States.ArrayContains': arrayContains,
  'States.ArrayRange': arrayRange,
  'States.ArrayGetItem': arrayGetItem,
  'States.ArrayLength': arrayLength,
  'States.ArrayUnique': arrayUnique,
  'States.Base64Encode': base64Encode,
  'States.Base64Decode': base64Decode,
  'States.Hash': statesHash,
  'States.JsonMerge': jsonMerge,
  'States.MathRandom': mathRandom,
  'States.MathAdd': mathAdd,
  'States.StringSplit': stringSplit,
  'States.UUID': statesUuid,
};
