import { LocalRunnerError } from '../errors.js';

/**
 * A mistake in the command line, its input or the app it names: the CLI prints its message
 * as one line, without a stack trace, and exits 2.
 */
export class CliUsageError extends LocalRunnerError {
  override readonly name = 'CliUsageError';
  readonly code = 'CliUsage';
}
