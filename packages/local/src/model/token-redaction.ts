import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/*
 * The one token redaction of local, for the server (CLI output, console API) and the browser
 * console alike: the form of task-token's `redactToken` (`AQCLoc…#<12 hex of its SHA-256>`),
 * so that tokens read the same in local's output and in the handlers' logs. It hashes with
 * @noble/hashes rather than `node:crypto` so that the browser runs this very module.
 */

const VISIBLE_PREFIX_LENGTH = 6;
const HASH_HEX_LENGTH = 12;

/** A local task token, as the engine's TokenRegistry issues them. */
const LOCAL_TOKEN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/** `token` redacted: its first 6 characters and 12 hex digits of its SHA-256 (task-token's form). */
export function redactToken(token: unknown): string {
  if (typeof token !== 'string') return `<no token: ${token === null ? 'null' : typeof token}>`;
  if (token.length === 0) return '<empty token>';
  const digest = bytesToHex(sha256(utf8ToBytes(token))).slice(0, HASH_HEX_LENGTH);
  // A token shorter than twice the prefix would be mostly shown: show no prefix then.
  const prefix =
    token.length >= VISIBLE_PREFIX_LENGTH * 2 ? token.slice(0, VISIBLE_PREFIX_LENGTH) : '';
  return `${prefix}…#${digest}`;
}

/** `text` with every occurrence of `token` redacted (task-token's `scrubToken`). */
export function scrubToken(text: string, token: string): string {
  // An empty token would match between every character; a function, as `$` in a
  // replacement string would be read as a pattern.
  return token ? text.replaceAll(token, () => redactToken(token)) : text;
}

/** `text` with every local task token in it redacted: what the console shows of bodies and histories. */
export function redactTokensIn(text: string): string {
  return text.replace(LOCAL_TOKEN, (token) => redactToken(token));
}

/**
 * The first `length` characters of `text`, with its local task tokens redacted. A token the
 * cut would split is left out (`…`): cut, it would no longer be recognized and redacted.
 */
export function redactedPreview(text: string, length: number): string {
  for (const match of text.matchAll(LOCAL_TOKEN)) {
    if (match.index >= length) break;
    if (match.index + match[0].length > length) {
      return `${redactTokensIn(text.slice(0, match.index))}…`;
    }
  }
  return redactTokensIn(text.slice(0, length));
}
