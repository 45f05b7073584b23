import { createHash } from 'node:crypto';
import type jsonata from 'jsonata';
import type { RandomSource } from '../scope.js';
import { javaRandomFirstDouble } from './java-random.js';

/** An error in the shape jsonata throws: its `code` selects the message template. */
interface JsonataThrown {
  code: string;
  message?: string;
  index?: number;
  token?: string;
  value?: unknown;
}

/** jsonata's own message for an argument that does not fit the signature. */
function signatureMismatch(functionName: string, index: number): JsonataThrown {
  return { code: 'T0410', index, token: functionName };
}

/** An uncoded failure: AWS appends it after `: ` (see threwError). */
function failure(message: string): Error {
  return new Error(message);
}

/** The size jsonata's own range operator refuses (`[1..n]`, code D2014). */
const MAX_RANGE = 1e7;

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

/** `$partition(array, size)`: chunks of `size` items, the last one possibly shorter. */
function partition(array: unknown[], size: number): unknown[][] {
  const chunk = Math.floor(size);
  if (!(chunk >= 1)) {
    throw failure(`The size argument of function "partition" must be a positive integer: ${size}`);
  }
  const chunks: unknown[][] = [];
  for (let start = 0; start < array.length; start += chunk) {
    chunks.push(array.slice(start, start + chunk));
  }
  return chunks;
}

/**
 * `$range(start, end, step)`: from start towards end, end included when a step lands on it.
 * Returned as a jsonata sequence, so a single number comes back unwrapped and an empty range
 * as nothing: AWS answers `$range(1, 9, 9)` with `1` (jsonata/test_array_range#exec_hist_resp_2).
 */
function range(start: number, end: number, step: number): number[] {
  const from = Math.floor(start);
  const to = Math.floor(end);
  const by = Math.floor(step);
  if (by === 0) {
    throw failure('The step argument of function "range" must not be zero');
  }
  const count = Math.max(0, Math.floor((to - from) / by) + 1);
  if (count > MAX_RANGE) {
    throw { code: 'D2014', value: count } satisfies JsonataThrown;
  }
  const values: number[] & { sequence?: boolean } = [];
  values.sequence = true;
  for (let i = 0; i < count; i++) {
    values.push(from + i * by);
  }
  return values;
}

/** `$hash(data, algorithm)`: the lowercase hex digest of the UTF-8 data. */
function hash(data: string, algorithm: string): string {
  const nodeName = Object.hasOwn(HASH_ALGORITHMS, algorithm)
    ? HASH_ALGORITHMS[algorithm]
    : undefined;
  if (nodeName === undefined) {
    throw failure(
      `The algorithm argument of function "hash" must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512: ${algorithm}`,
    );
  }
  return createHash(nodeName).update(data, 'utf8').digest('hex');
}

/** `$parse(json)`: the JSON value the string holds. */
function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw failure(`Argument 1 of function "parse" is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Adds to a compiled expression the functions that do not depend on the execution:
 * `$partition`, `$range`, `$hash`, `$parse`, and removes `$eval`, which AWS does not offer
 * (AWS answers `$eval("1+1")` with `T1006: Attempted to invoke a non-function`, floci-io/floci
 * issue #2737). Done once per compiled expression.
 */
export function registerStaticAwsFunctions(expression: jsonata.Expression): void {
  expression.registerFunction('partition', partition, '<an:a>');
  expression.registerFunction('range', range, '<nnn:a<n>>');
  expression.registerFunction('hash', hash, '<ss:s>');
  expression.registerFunction('parse', parse, '<s:j>');
  // A non-function value (not null: jsonata writes a token onto it) makes a call fail with T1006.
  expression.assign('eval', {});
}

/**
 * `$random([seed])` and `$uuid()`, bound per evaluation because they draw from the
 * execution's injected randomness. Plain functions carry no jsonata signature, so the
 * argument checks are made here with jsonata's own error (T0410).
 */
export function randomFunctions(random: RandomSource): {
  random: (...args: unknown[]) => number;
  uuid: (...args: unknown[]) => string;
} {
  return {
    random: (...args: unknown[]): number => {
      if (args.length > 1) throw signatureMismatch('random', 2);
      const seed = args[0];
      if (seed === undefined) return random.next();
      if (typeof seed !== 'number' || !Number.isFinite(seed)) throw signatureMismatch('random', 1);
      return javaRandomFirstDouble(seed);
    },
    uuid: (...args: unknown[]): string => {
      if (args.length > 0) throw signatureMismatch('uuid', 1);
      return random.uuid();
    },
  };
}
