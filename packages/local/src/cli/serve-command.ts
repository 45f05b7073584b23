import { resolve } from 'node:path';
import { LocalAlarms } from '../alarms/runner-adapter.js';
import { CoverageReport } from '../console/coverage-report.js';
import { FunctionLog } from '../console/function-log.js';
import type { LocalExecution } from '../engine/local-execution.js';
import { alarmOperations } from '../http/alarm-operations.js';
import { MockConfig } from '../mocks/mock-config.js';
import { redactTokensIn } from '../model/token-redaction.js';
import { LocalRunner } from '../runner/local-runner.js';
import { TEMPORARY_STORE } from '../store/local-store.js';
import { formatBusEvents } from './format-bus-events.js';
import { formatHistory } from './format-history.js';
import type { CliOptions } from './parse-args.js';
import type { CliIo } from './run-command.js';

/** The banner's Workers line: without an app there are no queue-triggered functions. */
function workersLine(withApp: boolean, workers: boolean): string {
  if (!withApp)
    return 'none without an app: answer the tokens yourself, SendTaskSuccess / SendTaskFailure';
  return workers
    ? 'on: the queue-triggered functions answer the tokens'
    : 'off (--no-workers): answer the tokens yourself, SendTaskSuccess / SendTaskFailure';
}

/** The banner's Time line. */
function timeLine(mode: 'virtual' | 'real'): string {
  return mode === 'virtual'
    ? 'virtual (--time virtual): waits and timeouts pass at once when no function, delivery or request is in flight; a task only you answer reaches its heartbeat or timeout at once'
    : 'real (--time virtual skips waits whenever nothing is in flight)';
}

/**
 * What `serve` prints once the endpoint is up: where it is, the console's URL (with its
 * secret), and how to point the AWS CLI and SDK at it.
 */
export function serveBanner(
  runner: LocalRunner,
  assembly: string | undefined,
  workers: boolean,
  consoleUrl?: string,
): string {
  const url = runner.endpointUrl;
  const region = runner.model.region;
  return [
    assembly !== undefined
      ? `Cloud assembly           ${assembly} (stack ${runner.model.stackName})`
      : 'Cloud assembly           none: CreateStateMachine adds state machines',
    `Step Functions endpoint  ${url}`,
    ...(consoleUrl ? [`Console                  ${consoleUrl}`] : []),
    ...runner.stateMachines().map((m) => `State machine            ${m.arn}`),
    ...(runner.mockConfig ? [`Mock config              ${runner.mockConfig.source}`] : []),
    `Store                    ${runner.store.location === TEMPORARY_STORE ? 'temporary, gone at exit (--data-dir <dir> keeps it)' : runner.store.location}`,
    ...(runner.buckets
      ? [`Buckets                  ${runner.buckets.root} (a folder per bucket)`]
      : []),
    `Workers                  ${workersLine(assembly !== undefined, workers)}`,
    `Time                     ${timeLine(runner.time.mode)}`,
    '',
    'AWS CLI (any credentials: the endpoint does not check signatures):',
    `  export AWS_DEFAULT_REGION=${region} AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local`,
    `  aws stepfunctions list-state-machines --endpoint-url ${url}`,
    'or, for the AWS CLI and the AWS SDKs (new SFNClient({}) reads it), instead of --endpoint-url:',
    `  export AWS_ENDPOINT_URL_SFN=${url}`,
    'TestState (sent to a sync- host prefix): new SFNClient({ disableHostPrefix: true }) for the',
    'JS SDK, AWS_DISABLE_HOST_PREFIX_INJECTION=true for the AWS CLI.',
    '',
    `Alarms (${runner.model.alarms.length} in the template), evaluated now on this run's metrics:`,
    `  curl -s ${url} -H 'X-Amz-Target: AWSStepFunctions.LocalDescribeAlarms' -H 'Content-Type: application/x-amz-json-1.0' -d '{}'`,
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
  // main() resolved the default assembly; none here means serve without an app.
  const assembly = options.app;
  const mockFile = options.mockConfig ?? process.env.SFN_MOCK_CONFIG;
  const mockConfig = mockFile ? MockConfig.load(mockFile) : undefined;
  const coverage = options.coverage ? CoverageReport.load(options.coverage) : undefined;
  const log = new FunctionLog();
  // The alarms' periods run on the runner's time, as its metrics' timestamps do.
  let now: () => number = Date.now;
  const alarms = new LocalAlarms({ now: () => now() });
  const alarmStates = new Map<string, string>();
  /** Prints each alarm whose state changed since the last look. */
  const reportAlarms = async () => {
    for (const alarm of await alarms.evaluateSettled()) {
      const before = alarmStates.get(alarm.logicalId) ?? 'INSUFFICIENT_DATA';
      alarmStates.set(alarm.logicalId, alarm.state);
      if (before !== alarm.state && !stop.aborted) {
        io.out(`Alarm      ${alarm.name}: ${before} → ${alarm.state}: ${alarm.reason}`);
      }
    }
  };
  const report = (execution: LocalExecution) => {
    io.out(`Started    ${execution.executionArn}`);
    void execution.done
      .then(async (ended) => {
        if (stop.aborted) return;
        const took = (ended.stopDate ?? new Date()).getTime() - ended.startDate.getTime();
        io.out(
          [
            `Ended      ${ended.executionArn}: ${ended.status} in ${took} ms`,
            formatHistory(ended),
            ...formatBusEvents(ended),
            '',
          ].join('\n'),
        );
        await reportAlarms();
      })
      .catch((error: unknown) =>
        // A report that fails must not take serve (and every other execution) down with it.
        io.err(`Could not report ${execution.executionArn}: ${redactTokensIn(String(error))}`),
      );
  };
  const runner = await LocalRunner.start(
    alarms.instrument({
      ...(assembly !== undefined ? { assembly } : {}),
      ...(mockConfig ? { mockConfig } : {}),
      ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
      ...(options.buckets !== undefined ? { buckets: options.buckets } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(options.account !== undefined ? { account: options.account } : {}),
      ...(options.stack !== undefined ? { stack: options.stack } : {}),
      ...(options.activityPollSeconds !== undefined
        ? { activityPollSeconds: options.activityPollSeconds }
        : {}),
      port: options.port,
      workers: options.workers,
      functionConcurrency: options.functionConcurrency,
      // People watch serve in the console and answer tokens by hand: real time by default.
      time: options.time ?? 'real',
      onExecution: report,
      // serve starts an app whose Tasks it can neither emulate nor mock: each is named here,
      // and an execution that reaches one fails there (`run` refuses such an app up front).
      onUnrunnableTask: (warning: string) => io.err(`Warning    ${warning}`),
      // The console shows the functions' log lines; --verbose prints them too.
      onFunctionLog: (fn: string, line: string) => {
        log.push(fn, line);
        if (options.verbose) io.err(`[${fn}] ${redactTokensIn(line)}`);
      },
    }),
  );
  now = () => runner.time.now();
  alarms.attach(runner);
  runner.registerOperations(alarmOperations(alarms));
  try {
    const consoleUrl = options.console
      ? runner.serveConsole({ log, ...(coverage ? { coverage } : {}) })
      : undefined;
    io.out(
      serveBanner(
        runner,
        assembly !== undefined ? resolve(assembly) : undefined,
        options.workers,
        consoleUrl,
      ),
    );
    if (!stop.aborted)
      await new Promise((stopped) => stop.addEventListener('abort', stopped, { once: true }));
    io.out('Stopping: running executions are aborted.');
    return 0;
  } finally {
    // Also gives the --data-dir lock up.
    await runner.close();
  }
}
