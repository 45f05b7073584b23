import { resolve } from 'node:path';
import { FunctionLog } from '../console/function-log.js';
import { redactTokensIn } from '../console/redact-tokens.js';
import type { LocalExecution } from '../runner/local-execution.js';
import { LocalRunner } from '../runner/local-runner.js';
import { defaultAssembly } from './default-assembly.js';
import { formatHistory } from './format-history.js';
import type { CliOptions } from './parse-args.js';
import type { CliIo } from './run-command.js';

/**
 * What `serve` prints once the endpoint is up: where it is, the console's URL (with its
 * secret), and how to point the AWS CLI and SDK at it.
 */
export function serveBanner(
  runner: LocalRunner,
  assembly: string,
  workers: boolean,
  consoleUrl?: string,
): string {
  const url = runner.endpointUrl;
  const region = runner.model.region;
  return [
    `Cloud assembly           ${assembly} (stack ${runner.model.stackName})`,
    `Step Functions endpoint  ${url}`,
    ...(consoleUrl ? [`Console                  ${consoleUrl}`] : []),
    ...runner.model.stateMachines.map((m) => `State machine            ${m.arn}`),
    `Workers                  ${workers ? 'on: the queue-triggered functions answer the tokens' : 'off (--no-workers): answer the tokens yourself, SendTaskSuccess / SendTaskFailure'}`,
    '',
    'AWS CLI (any credentials: the endpoint does not check signatures):',
    `  export AWS_DEFAULT_REGION=${region} AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`,
    `  aws stepfunctions list-state-machines --endpoint-url ${url}`,
    'or, for the AWS CLI and the AWS SDKs (new SFNClient({}) reads it), instead of --endpoint-url:',
    `  export AWS_ENDPOINT_URL_SFN=${url}`,
    '',
    'Ctrl-C to stop.',
  ].join('\n');
}

/**
 * `serve`: starts the runner and keeps it up until `stop` aborts (the CLI aborts it on
 * SIGINT / SIGTERM), printing the endpoint, how to reach it, and each execution's event
 * history (the `run` command's formatter, tokens redacted) as it ends. Returns 0.
 */
export async function serveCommand(
  options: CliOptions,
  io: CliIo,
  stop: AbortSignal,
): Promise<number> {
  const assembly = options.app ?? defaultAssembly();
  const log = new FunctionLog();
  const report = (execution: LocalExecution) => {
    io.out(`Started    ${execution.executionArn}`);
    void execution.done.then((ended) => {
      if (stop.aborted) return;
      const took = (ended.stopDate ?? new Date()).getTime() - ended.startDate.getTime();
      io.out(
        [
          `Ended      ${ended.executionArn}: ${ended.status} in ${took} ms`,
          formatHistory(ended),
          '',
        ].join('\n'),
      );
    });
  };
  const runner = await LocalRunner.start({
    assembly,
    ...(options.stack !== undefined ? { stack: options.stack } : {}),
    port: options.port,
    workers: options.workers,
    functionConcurrency: options.functionConcurrency,
    onExecution: report,
    onFunctionLog: (fn: string, line: string) => {
      log.push(fn, line);
      if (options.verbose) io.err(`[${fn}] ${redactTokensIn(line)}`);
    },
  });
  try {
    const consoleUrl = options.console ? runner.serveConsole({ log }) : undefined;
    io.out(serveBanner(runner, resolve(assembly), options.workers, consoleUrl));
    if (!stop.aborted)
      await new Promise((stopped) => stop.addEventListener('abort', stopped, { once: true }));
    io.out('Stopping: running executions are aborted.');
    return 0;
  } finally {
    await runner.close();
  }
}
