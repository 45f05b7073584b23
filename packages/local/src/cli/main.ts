import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { checkAssembly } from './check-assembly.js';
import { defaultAssembly } from './default-assembly.js';
import { describeCliError } from './describe-cli-error.js';
import { parseCliArgs, USAGE } from './parse-args.js';
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
 * execution ended otherwise, 2 the app could not be run). `stop` ends `serve`. Whatever
 * stops it is reported as one line on stderr (see {@link describeCliError}), never with a
 * stack trace.
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
    io.err(`sfn-callback-local: ${describeCliError(error)} (see --help)`);
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
    const app = options.app ?? defaultAssembly();
    // serve without --app and without ./cdk.out: no app, state machines come from the API.
    const withoutApp = options.command === 'serve' && options.app === undefined && !existsSync(app);
    if (!withoutApp) checkAssembly(app);
    const resolved = withoutApp ? options : { ...options, app };
    return options.command === 'serve'
      ? await serveCommand(resolved, io, stop)
      : await runCommand(resolved, io);
  } catch (error) {
    io.err(`sfn-callback-local: ${describeCliError(error, { port: options.port })}`);
    return 2;
  }
}
