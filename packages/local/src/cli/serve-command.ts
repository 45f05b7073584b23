import { redactToken } from '../redact.js';
import { LocalRunner } from '../runner/local-runner.js';
import type { CliOptions } from './parse-args.js';
import type { CliIo } from './run-command.js';

const TOKEN_PATTERN = /AQCLocal[0-9a-z]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/**
 * `serve`: starts the runner and keeps it up until `stop` aborts (the CLI aborts it on
 * SIGINT / SIGTERM), printing the endpoint and the state machines. Returns 0.
 */
export async function serveCommand(
  options: CliOptions,
  io: CliIo,
  stop: AbortSignal,
): Promise<number> {
  const runner = await LocalRunner.start({
    assembly: options.app,
    ...(options.stack !== undefined ? { stack: options.stack } : {}),
    port: options.port,
    workers: options.workers,
    functionConcurrency: options.functionConcurrency,
    ...(options.verbose
      ? {
          onFunctionLog: (fn: string, line: string) =>
            io.err(`[${fn}] ${line.replace(TOKEN_PATTERN, (token) => redactToken(token))}`),
        }
      : {}),
  });
  try {
    io.out(
      [
        `Step Functions endpoint  ${runner.endpointUrl}`,
        `  export AWS_ENDPOINT_URL_SFN=${runner.endpointUrl}`,
        ...runner.model.stateMachines.map((m) => `State machine           ${m.arn}`),
        `Workers                 ${options.workers ? 'on: queue-triggered functions answer the tokens' : 'off: answer the tokens yourself'}`,
        'Ctrl-C to stop.',
      ].join('\n'),
    );
    if (!stop.aborted)
      await new Promise((resolve) => stop.addEventListener('abort', resolve, { once: true }));
    return 0;
  } finally {
    await runner.close();
  }
}
