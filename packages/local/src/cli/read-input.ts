import { existsSync, readFileSync } from 'node:fs';

/** A mistake in the command line or its input: reported without a stack trace. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** The field `--fail` sets to `true` in the execution input. */
export const FAIL_FIELD = 'fail';

/**
 * Reads `--input`: JSON text, or the path of a JSON file (`@path` forces a file).
 *
 * @throws Error when it is neither valid JSON nor a readable JSON file.
 */
export function readInput(value: string | undefined): unknown {
  if (value === undefined) return {};
  const path = value.startsWith('@') ? value.slice(1) : undefined;
  if (path === undefined) {
    try {
      return JSON.parse(value);
    } catch {
      if (!existsSync(value))
        throw new CliUsageError(`--input is neither JSON nor a file: ${value}`);
    }
  }
  const file = path ?? value;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`--input file ${file}: ${(error as Error).message}`);
  }
}

/** Applies `--fail`: the input must be a JSON object; it gets `"fail": true`. */
export function withFailSwitch(input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new CliUsageError('--fail needs the execution input to be a JSON object');
  }
  return { ...(input as Record<string, unknown>), [FAIL_FIELD]: true };
}
