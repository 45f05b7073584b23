import { createRequire } from 'node:module';
import { AssemblyError, UnsupportedFeatureError } from '../errors.js';
import { MockConfigError } from '../mocks/mock-config-error.js';
import { parseCliArgs, USAGE } from './parse-args.js';
import { CliUsageError } from './read-input.js';
import { type CliIo, runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';

function version(): string {
  try {
    const require = createRequire(import.meta.url);
    return (require('../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * The CLI: parses `argv`, runs the command, returns the exit status (0 as expected, 1 an
 * execution ended otherwise, 2 the app (or the mock config) could not be run). `stop` ends `serve`.
 */
export async function main(
  argv: readonly string[],
  io: CliIo,
  stop: AbortSignal = new AbortController().signal,
): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.err(`sfn-callback-local: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options.command === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (options.command === 'version') {
    io.out(version());
    return 0;
  }
  try {
    return options.command === 'serve'
      ? await serveCommand(options, io, stop)
      : await runCommand(options, io);
  } catch (error) {
    const known =
      error instanceof AssemblyError ||
      error instanceof UnsupportedFeatureError ||
      error instanceof MockConfigError ||
      error instanceof CliUsageError;
    io.err(
      `sfn-callback-local: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}`,
    );
    return 2;
  }
}
