import { readFileSync } from 'node:fs';
import { CliUsageError } from './cli-usage-error.js';

/** Text that can only have been meant as JSON, not as a file name. */
const LOOKS_LIKE_JSON = /^\s*[[{"]/;

/**
 * Reads `--input`: JSON text, or the path of a JSON file (`@path` forces a file). Text
 * that is not JSON is a file name, unless it starts like JSON (`{`, `[`, `"`): then its
 * JSON error is reported.
 *
 * @throws CliUsageError with one line: the JSON error, "no such file", or the file's
 *   JSON error.
 */
export function readInput(value: string | undefined): unknown {
  if (value === undefined) return {};
  const forcedFile = value.startsWith('@');
  if (!forcedFile) {
    try {
      return JSON.parse(value);
    } catch (error) {
      if (LOOKS_LIKE_JSON.test(value)) {
        throw new CliUsageError(`--input is not valid JSON: ${(error as Error).message}`);
      }
    }
  }
  const file = forcedFile ? value.slice(1) : value;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a JSON file'
          : code === 'EACCES'
            ? 'cannot be read (permission denied)'
            : `cannot be read (${code ?? (error as Error).message})`;
    throw new CliUsageError(`--input ${file}: ${why}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`--input ${file} is not JSON: ${(error as Error).message}`);
  }
}
