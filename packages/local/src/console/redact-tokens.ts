import { redactToken } from '../redact.js';

/** A local task token, as {@link TokenRegistry} issues them. */
const TOKEN_PATTERN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/** `text` with every local task token in it redacted (`AQCLoc…#<hash>`, task-token's form). */
export function redactTokensIn(text: string): string {
  return text.replace(TOKEN_PATTERN, (token) => redactToken(token));
}
