import { createHash } from 'node:crypto';

const hashes = new WeakMap<object, string>();

/**
 * The SHA-256 of a definition's canonical JSON (keys sorted), so that a coverage file is
 * matched to the definition it was measured on however the file was formatted.
 */
export function definitionHash(definition: Readonly<Record<string, unknown>>): string {
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
  // A local endpoint's port (a queue URL resolved by @sfn-callback/local) changes with each
  // start: it is not part of the state machine.
  if (typeof value === 'string')
    return JSON.stringify(value.replace(LOCAL_ENDPOINT, 'http://127.0.0.1'));
  return JSON.stringify(value);
}

const LOCAL_ENDPOINT = /\bhttp:\/\/(?:127\.0\.0\.1|localhost):\d+/g;
