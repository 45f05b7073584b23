import { LocalRunnerError } from '../errors.js';

/**
 * A mock configuration file `serve` refuses to start with: where (file, line, JSON
 * Pointer of the member) and why.
 */
export class MockConfigError extends LocalRunnerError {
  override readonly name = 'MockConfigError';
  readonly code = 'MockConfig';
  readonly file: string;
  readonly line: number | undefined;
  /** JSON Pointer of the member at fault, e.g. `/MockedResponses/Retry/1-2`. */
  readonly pointer: string | undefined;

  constructor(file: string, reason: string, where: { line?: number; pointer?: string } = {}) {
    const at = [where.line !== undefined ? `line ${where.line}` : '', where.pointer ?? '']
      .filter(Boolean)
      .join(', ');
    super(`mock config ${file}${at ? ` (${at})` : ''}: ${reason}`);
    this.file = file;
    this.line = where.line;
    this.pointer = where.pointer;
  }
}
