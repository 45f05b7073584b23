import { createHash } from 'node:crypto';
import { expectArity, invalidArguments, stringArg } from './arguments.js';
import type { IntrinsicFunction } from './intrinsic-function.js';

/** AWS's algorithm names (case-sensitive) and node:crypto's names for them. */
const ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ['MD5', 'md5'],
  ['SHA-1', 'sha1'],
  ['SHA-256', 'sha256'],
  ['SHA-384', 'sha384'],
  ['SHA-512', 'sha512'],
]);

/**
 * `States.Hash(data, algorithm)`: the lowercase hex digest of data's UTF-8 bytes
 * (intrinsic_functions/test_hash#exec_hist_resp_0). Data of another type is hashed as its
 * JSON text; at most 10,000 characters.
 */
export const statesHash: IntrinsicFunction = (args) => {
  expectArity('States.Hash', args, 2);
  const data = args[0];
  const text = typeof data === 'string' ? data : JSON.stringify(data ?? null);
  const algorithm = ALGORITHMS.get(stringArg('States.Hash', args[1]));
  if (algorithm === undefined || text.length > 10_000) throw invalidArguments('States.Hash');
  return createHash(algorithm).update(text, 'utf8').digest('hex');
};
