import { parseArgs } from 'node:util';

/** The CLI's usage text. */
export const USAGE = `Usage: sfn-callback-local [run] [options]
       sfn-callback-local serve [--port <n>] [--no-workers] [--no-console] [--app <dir>] [--stack <name>]

Runs a synthesized CDK app's Step Functions callback pattern locally: the state machine,
its queue, the queue's worker function (its bundled asset, its real SDK calls answered by
a local Step Functions endpoint) and its SNS notifications.

Options:
  --app <dir>                 cloud assembly directory, the output of \`cdk synth\` (default:
                              ./cdk.out, or from the sfn-callback repository's root the example
                              app's apps/callback-example/cdk.out)
  --stack <name>              stack to run (default: the only stack with a state machine)
  --state-machine <name>      state machine to run (default: the only one)
  --input <json|file>         execution input, JSON text or a JSON file (default: {})
  --fail                      make the worker fail: adds "fail": true to the input, which the
                              worker answers with SendTaskFailure (the failure path shows)
  --expect <status>           status every execution must end with
                              (default: SUCCEEDED, or FAILED with --fail)
  --count <n>                 run n executions and report throughput (default: 1)
  --concurrency <n>           executions in flight with --count (default: 64)
  --function-concurrency <n>  execution environments per function (default: 1)
  --json                      print JSON instead of text
  --verbose                   print the functions' log lines
  -h, --help                  print this help
  -v, --version               print the version

serve keeps the runner up: a Step Functions endpoint (StartExecution, DescribeExecution,
GetExecutionHistory, ListExecutions, StopExecution, ListStateMachines, DescribeStateMachine,
SendTask*) for the AWS CLI (--endpoint-url) or SDK (AWS_ENDPOINT_URL_SFN), and a web
console (its URL, with a per-start secret, is printed), printing each execution's event
history as it ends, until Ctrl-C or SIGTERM.
  --port <n>                  port on 127.0.0.1 (default: a free one)
  --no-workers                do not run the queue-triggered functions: answer the tokens yourself
  --no-console                do not serve the web console

Exit status: 0 when every execution ended with the expected status, 1 when one did not,
2 when the app could not be run (usage, assembly or unsupported feature).`;

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
  readonly fail: boolean;
  readonly expect?: string;
  readonly count: number;
  readonly concurrency: number;
  readonly functionConcurrency: number;
  readonly json: boolean;
  readonly verbose: boolean;
}

const STATUSES = ['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`--${name} must be a positive integer, got ${value}`);
  return parsed;
}

/**
 * Parses the command line (without `node` and the script).
 *
 * @throws Error with a message for the user on a bad option.
 */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    allowNegative: true,
    strict: true,
    options: {
      app: { type: 'string' },
      stack: { type: 'string' },
      'state-machine': { type: 'string' },
      input: { type: 'string' },
      fail: { type: 'boolean', default: false },
      expect: { type: 'string' },
      count: { type: 'string' },
      concurrency: { type: 'string' },
      'function-concurrency': { type: 'string' },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      port: { type: 'string' },
      workers: { type: 'boolean', default: true },
      console: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  const [command = 'run', ...rest] = positionals;
  if (command !== 'run' && command !== 'serve')
    throw new Error(`unknown command "${command}" (try --help)`);
  if (rest.length > 0) throw new Error(`unexpected argument "${rest[0]}"`);
  const expect = values.expect?.toUpperCase();
  if (expect !== undefined && !STATUSES.includes(expect)) {
    throw new Error(`--expect must be one of ${STATUSES.join(', ')}, got ${values.expect}`);
  }
  return {
    command: values.help ? 'help' : values.version ? 'version' : command,
    port: values.port === undefined ? 0 : positiveInteger('port', values.port, 0),
    workers: values.workers !== false,
    console: values.console !== false,
    ...(values.app !== undefined ? { app: values.app } : {}),
    ...(values.stack !== undefined ? { stack: values.stack } : {}),
    ...(values['state-machine'] !== undefined ? { stateMachine: values['state-machine'] } : {}),
    ...(values.input !== undefined ? { input: values.input } : {}),
    fail: values.fail === true,
    ...(expect !== undefined ? { expect } : {}),
    count: positiveInteger('count', values.count, 1),
    concurrency: positiveInteger('concurrency', values.concurrency, 64),
    functionConcurrency: positiveInteger('function-concurrency', values['function-concurrency'], 1),
    json: values.json === true,
    verbose: values.verbose === true,
  };
}
