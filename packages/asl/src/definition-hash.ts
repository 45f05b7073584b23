import { createHash } from 'node:crypto';

const hashes = new WeakMap<object, string>();

/**
 * The SHA-256 of a definition's canonical JSON (keys sorted, `undefined` members dropped):
 * one identity for a definition however its file was formatted, so that a report measured on
 * it (state machine coverage, written by `@sfn-callback/testing` and drawn by
 * `@sfn-callback/local`'s console) can be matched to it. A local endpoint's port in a string
 * (a queue URL resolved by `@sfn-callback/local`) is left out: it changes with every start.
 */
export function definitionHash(definition: object): string {
  let hash = hashes.get(definition);
  if (!hash) {
    hash = createHash('sha256').update(canonicalJson(definition)).digest('hex');
    hashes.set(definition, hash);
  }
  return hash;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'string')
    return JSON.stringify(value.replace(LOCAL_ENDPOINT, 'http://127.0.0.1'));
  return JSON.stringify(value);
}

const LOCAL_ENDPOINT = /\bhttp:\/\/(?:127\.0\.0\.1|localhost):\d+/g;
