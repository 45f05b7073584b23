import { createHash } from 'node:crypto';

const VISIBLE_PREFIX_LENGTH = 6;
const HASH_HEX_LENGTH = 12;

/**
 * A short, stable, non-reversible form of a task token, for logs and error messages.
 *
 * A task token is a bearer credential: whoever holds it can complete the task. This keeps
 * its first 6 characters (to tell token formats apart) and 12 hex digits of its SHA-256
 * (to tell tokens apart and to correlate log lines), e.g. `AQCEAA…#3fa9c1d2e0b4`.
 *
 * @param token - the task token; any other value gives a placeholder that says what it was.
 *
 * @example
 * ```ts
 * logger.info('completing task', { token: redactToken(token) });
 * ```
 */
export function redactToken(token: unknown): string {
  if (typeof token !== 'string') return `<no token: ${token === null ? 'null' : typeof token}>`;
  if (token.length === 0) return '<empty token>';
  const digest = createHash('sha256').update(token).digest('hex').slice(0, HASH_HEX_LENGTH);
  // A token shorter than twice the prefix would be mostly shown: show no prefix then.
  const prefix =
    token.length >= VISIBLE_PREFIX_LENGTH * 2 ? token.slice(0, VISIBLE_PREFIX_LENGTH) : '';
  return `${prefix}…#${digest}`;
}

/**
 * Replaces every occurrence of `token` in `text` with {@link redactToken}'s form: for error
 * messages and causes that may quote a token (a logged request, an echoed body).
 *
 * @example
 * ```ts
 * logger.error(scrubToken(error.message, token));
 * ```
 */
export function scrubToken(text: string, token: string): string {
  // An empty token would match between every character. A function, as `$` in the
  // replacement would be read as a pattern.
  return token ? text.replaceAll(token, () => redactToken(token)) : text;
}
