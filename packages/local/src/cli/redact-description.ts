import type { ExecutionDescription } from '../model/execution.js';
import { scrubToken } from '../model/token-redaction.js';

/**
 * Replaces every task token of the execution, wherever it appears in `text` (history
 * parameters, outputs …), with its redacted form: output never carries a token whole.
 */
export function redactTokens(
  text: string,
  description: Pick<ExecutionDescription, 'taskTokens'>,
): string {
  let redacted = text;
  for (const token of description.taskTokens) redacted = scrubToken(redacted, token);
  return redacted;
}
