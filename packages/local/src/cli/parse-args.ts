import { parseArgs } from 'node:util';
import { TIME_MODES, type TimeMode } from '../time/local-time.js';
import { CliUsageError } from './cli-usage-error.js';

/** The CLI's usage text. */
export const USAGE = `Usage: sfn-callback-local [run] [options]
       sfn-callback-local serve [--port <n>] [--no-workers] [--no-console] [--app <dir>] [--stack <name>]
                                [--mock-config <file>] [--data-dir <dir>] [--time real|virtual]
                                [--coverage <file>] [--buckets <dir>]
                                [--region <name>] [--account <id>] [--activity-poll-seconds <n>]

Runs a synthesized CDK app's Step Functions callback pattern locally: the state machine,
its queue, the queue's worker function (its bundled asset, its real SDK calls answered by
a local Step Functions endpoint) and its SNS notifications.

Options:
  --app <dir>                 cloud assembly directory, the output of \`cdk synth\`
                              (default: ./cdk.out)
  --stack <name>              stack to run (default: the only stack with a state machine)
  --state-machine <name>      state machine to run (default: the only one)
  --input <json|file>         execution input, JSON text or a JSON file (default: {})
  --expect <status>           status every execution must end with (default: SUCCEEDED)
  --count <n>                 run n executions and report throughput (default: 1)
  --concurrency <n>           executions in flight with --count (default: 64)
  --function-concurrency <n>  execution environments per function (default: 1)
  --time virtual|real         virtual: Waits, retry intervals, heartbeats and timeouts, SQS
                              visibility timeouts and delays pass at once whenever no
                              function, queue delivery or request is in flight (the
                              history keeps their virtual timestamps); real: the wall clock
                              (default: virtual for run, real for serve)
  --json                      print JSON instead of text
  --verbose                   print the functions' log lines
  -h, --help                  print this help
  -v, --version               print the version

serve keeps the runner up: a Step Functions endpoint (executions, state machines, their
versions and aliases, activities, tags, StartSyncExecution, TestState, SendTask*) for the AWS
CLI (--endpoint-url) or SDK (AWS_ENDPOINT_URL_SFN), and a web
console (its URL, with a per-start secret, is printed), printing each execution's event
history as it ends, until Ctrl-C or SIGTERM.
  --port <n>                  port on 127.0.0.1 (default: a free one)
  --no-workers                do not run the queue-triggered functions: answer the tokens yourself
  --no-console                do not serve the web console
  --mock-config <file>        Step Functions Local's mock configuration file (default: the
                              SFN_MOCK_CONFIG environment variable); StartExecution with
                              <stateMachineArn>#<TestCase> runs that test case
  --data-dir <dir>            keep state machines, executions and histories in <dir>, so that
                              a restarted serve still answers for them (default: in memory)
  --buckets <dir>             S3 for Distributed Maps: each folder of <dir> is a bucket, each
                              file in it an object (the app's buckets are created there)
  --coverage <file>           draw state machine coverage over the console's graphs: the
                              state-machine-coverage.json of @sfn-callback/testing's coverage
  --region <name>             without an app: the region of ARNs (default: us-east-1)
  --account <id>              without an app: the account of ARNs (default: 000000000000)
  --activity-poll-seconds <n> how long GetActivityTask holds a poll that finds no task
                              before it answers with none (default: 60, as AWS)

Without --app and without a ./cdk.out, serve starts with no app: create state machines with
CreateStateMachine (the AWS CLI's create-state-machine, the SDK, ...).

Exit status: 0 when every execution ended with the expected status, 1 when one did not,
2 when the app could not be run (usage, assembly, unsupported feature or mock config).`;

/** Parsed CLI options. */
export interface CliOptions {
  readonly command: 'run' | 'serve' | 'help' | 'version';
  /** `serve`: port of the endpoint (0: any free one). */
  readonly port: number;
  /** `serve --no-workers`: false. */
  readonly workers: boolean;
  /** `serve --no-console`: false. */
  readonly console: boolean;
  /** The cloud assembly directory; absent: {@link defaultAssembly}. */
  readonly app?: string;
  readonly stack?: string;
  readonly stateMachine?: string;
  readonly input?: string;
  readonly expect?: string;
  readonly count: number;
  readonly concurrency: number;
  readonly functionConcurrency: number;
  readonly json: boolean;
  readonly verbose: boolean;
  /** `serve --mock-config`: the mock configuration file. */
  readonly mockConfig?: string;
  /** `serve --data-dir`: the store's directory. */
  readonly dataDir?: string;
  /** `serve --buckets`: the folder of bucket folders. */
  readonly buckets?: string;
  /** `serve --coverage`: a state machine coverage report to draw over the graphs. */
  readonly coverage?: string;
  /** `serve --region`, without an app. */
  readonly region?: string;
  /** `serve --account`, without an app. */
  readonly account?: string;
  /** `--time`; absent: the command's default (virtual for `run`, real for `serve`). */
  readonly time?: TimeMode;
  /** `serve --activity-poll-seconds`: GetActivityTask's hold time. */
  readonly activityPollSeconds?: number;
}

const STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** Largest TCP port. */
const MAX_PORT = 65_535;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed) || parsed < 1)
    throw new CliUsageError(`--${name} must be a positive integer, got ${value}`);
  return parsed;
}

function port(value: string | undefined): number {
  if (value === undefined) return 0;
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || parsed > MAX_PORT) {
    throw new CliUsageError(
      `--port must be a TCP port, an integer from 1 to ${MAX_PORT} (or 0 for a free one), got ${value}`,
    );
  }
  return parsed;
}

function timeMode(value: string): TimeMode {
  const mode = value.toLowerCase() as TimeMode;
  if (!TIME_MODES.includes(mode))
    throw new CliUsageError(`--time must be ${TIME_MODES.join(' or ')}, got ${value}`);
  return mode;
}

function accountId(value: string): string {
  if (!/^\d{12}$/.test(value)) throw new CliUsageError(`--account must be 12 digits, got ${value}`);
  return value;
}

/** `node:util` parseArgs' errors, in the CLI's words (its own name a long hint about `--`). */
function parseArgsProblem(error: unknown): CliUsageError {
  const { code, message } = error as { code?: string; message: string };
  const option = /'(-[^']*)'/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined)
    return new CliUsageError(`unknown option ${option}`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    const name = option.replace(/ <value>$/, '');
    if (message.includes('argument missing')) return new CliUsageError(`${name} needs a value`);
    if (message.includes('ambiguous')) {
      return new CliUsageError(
        `${name} needs a value (one that starts with "-" is written ${name}=<value>)`,
      );
    }
    if (message.includes('does not take an argument'))
      return new CliUsageError(`${name} takes no value`);
  }
  return new CliUsageError(message.split('\n', 1)[0] ?? message);
}

/**
 * Parses the command line (without `node` and the script).
 *
 * @throws CliUsageError with one line for the user on a bad option or command.
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parseKnownArgs>;
  try {
    parsed = parseKnownArgs(argv);
  } catch (error) {
    throw parseArgsProblem(error);
  }
  const { values, positionals } = parsed;
  const [command = 'run', ...rest] = positionals;
  if (command !== 'run' && command !== 'serve')
    throw new CliUsageError(`unknown command "${command}"`);
  if (rest.length > 0) throw new CliUsageError(`unexpected argument "${rest[0]}"`);
  const expect = values.expect?.toUpperCase();
  if (expect !== undefined && !STATUSES.includes(expect)) {
    throw new CliUsageError(`--expect must be one of ${STATUSES.join(', ')}, got ${values.expect}`);
  }
  return {
    command: values.help ? 'help' : values.version ? 'version' : command,
    port: port(values.port),
    workers: values.workers !== false,
    console: values.console !== false,
    ...(values.app !== undefined ? { app: values.app } : {}),
    ...(values.stack !== undefined ? { stack: values.stack } : {}),
    ...(values['state-machine'] !== undefined ? { stateMachine: values['state-machine'] } : {}),
    ...(values.input !== undefined ? { input: values.input } : {}),
    ...(expect !== undefined ? { expect } : {}),
    count: positiveInteger('count', values.count, 1),
    concurrency: positiveInteger('concurrency', values.concurrency, 64),
    functionConcurrency: positiveInteger('function-concurrency', values['function-concurrency'], 1),
    json: values.json === true,
    verbose: values.verbose === true,
    ...(values['mock-config'] !== undefined ? { mockConfig: values['mock-config'] } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values.buckets !== undefined ? { buckets: values.buckets } : {}),
    ...(values.coverage !== undefined ? { coverage: values.coverage } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values.account !== undefined ? { account: accountId(values.account) } : {}),
    ...(values.time !== undefined ? { time: timeMode(values.time) } : {}),
    ...(values['activity-poll-seconds'] !== undefined
      ? {
          activityPollSeconds: positiveInteger(
            'activity-poll-seconds',
            values['activity-poll-seconds'],
            60,
          ),
        }
      : {}),
  };
}

/** `node:util` parseArgs with the CLI's options (strict: an unknown option throws). */
function parseKnownArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      app: { type: 'string' },
      stack: { type: 'string' },
      'state-machine': { type: 'string' },
      input: { type: 'string' },
      expect: { type: 'string' },
      count: { type: 'string' },
      concurrency: { type: 'string' },
      'function-concurrency': { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      port: { type: 'string' },
      'mock-config': { type: 'string' },
      'data-dir': { type: 'string' },
      buckets: { type: 'string' },
      coverage: { type: 'string' },
      region: { type: 'string' },
      account: { type: 'string' },
      time: { type: 'string' },
      'activity-poll-seconds': { type: 'string' },
      workers: { type: 'boolean', default: true },
      console: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
}
