import { sha256Hex } from './sha256.js';

/** A local task token (as the local TokenRegistry issues them). */
const TOKEN_PATTERN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/** `token` redacted as task-token's `redactToken` does: `AQCLoc…#<12 hex of its SHA-256>`. */
export function redactToken(token: string): string {
  const prefix = token.length >= 12 ? token.slice(0, 6) : '';
  return `${prefix}…#${sha256Hex(token).slice(0, 12)}`;
}

/** `text` with every local task token in it redacted: what the console shows of histories. */
export function redactTokens(text: string): string {
  return text.replace(TOKEN_PATTERN, redactToken);
}
