import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FunctionSpec } from '../assembly/app-model.js';
import { InFlightWork } from '../time/in-flight-work.js';
import { WORKER_SOURCE } from './worker-source.js';

/** Dummy credentials given to every local function, so that its SDK signs requests. */
const LOCAL_CREDENTIALS = {
  accessKeyId: 'AKIALOCALSFNCALLBACK',
  secretAccessKey: 'local-secret-access-key-not-a-credential',
  sessionToken: 'local-session-token',
} as const;

/** What an invocation gave: the handler's result, or its error as Lambda reports it. */
export type InvokeResult =
  | { readonly ok: true; readonly payload: unknown; readonly durationMs: number }
  | {
      readonly ok: false;
      readonly errorType: string;
      readonly errorMessage: string;
      readonly durationMs: number;
    };

/** Options of {@link LocalFunction}. */
export interface LocalFunctionOptions {
  /** The local endpoint, given to the function's SDK as `AWS_ENDPOINT_URL_SFN`. */
  readonly endpointUrl: string;
  readonly region: string;
  /** Execution environments (worker threads) at most; each runs one invocation at a time. */
  readonly concurrency?: number;
  /** Receives the function's stdout and stderr, line by line. */
  readonly onLog?: (functionName: string, line: string) => void;
  /**
   * The runner's work in flight: each invocation counts (holding virtual time) from the
   * call until its answer, waiting for a free environment included. The function's own
   * `Timeout` stays real time: its code runs in real time.
   * @default a count of this function's own
   */
  readonly work?: InFlightWork;
}

// The NUL that opens WORKER_SOURCE's end marks: no log line of a function has one.
const END_MARK = new RegExp(`${String.fromCharCode(0)}end (\\d+)$`);

interface Environment {
  worker: Worker;
  busy: boolean;
  /** The last invocation whose end mark each stream has shown (see WORKER_SOURCE). */
  readonly marks: { stdout: number; stderr: number };
  pending?: {
    id: number;
    resolve: (result: InvokeResult) => void;
    started: number;
    timer: NodeJS.Timeout;
    /** The handler's answer, held until both streams have shown everything it printed. */
    result?: InvokeResult;
  };
}

/**
 * A Lambda function run from its bundled asset, each execution environment a worker thread
 * with its own `process.env`: the template's variables, the Lambda runtime's (`AWS_REGION`,
 * `AWS_LAMBDA_FUNCTION_NAME`, …), dummy credentials and `AWS_ENDPOINT_URL_SFN`. Nothing of
 * the host's environment but `PATH` reaches it, and no function sees another's variables.
 *
 * The function timeout is enforced: the environment is discarded and the invocation fails
 * with `Sandbox.Timedout`, as on Lambda.
 */
export class LocalFunction {
  readonly spec: FunctionSpec;
  readonly #options: LocalFunctionOptions;
  readonly #environments: Environment[] = [];
  readonly #waiting: ((environment: Environment) => void)[] = [];
  readonly #env: Record<string, string>;
  #nextId = 0;
  #invocations = 0;
  #coldStarts = 0;
  #closed = false;
  readonly #work: InFlightWork;

  constructor(spec: FunctionSpec, options: LocalFunctionOptions) {
    this.spec = spec;
    this.#options = options;
    this.#work = options.work ?? new InFlightWork(false);
    this.#env = {
      ...spec.environment,
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      AWS_REGION: options.region,
      AWS_DEFAULT_REGION: options.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: LOCAL_CREDENTIALS.sessionToken,
      AWS_ENDPOINT_URL_SFN: options.endpointUrl,
      AWS_CONFIG_FILE: '/nonexistent/sfn-callback-local/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/sfn-callback-local/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_LAMBDA_FUNCTION_NAME: spec.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
      AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime}`,
      LAMBDA_TASK_ROOT: spec.codeDirectory,
      _HANDLER: spec.handler,
    };
  }

  /** The environment variables each execution environment starts with. */
  get environment(): Readonly<Record<string, string>> {
    return this.#env;
  }

  /** Invocations so far, and how many of them started a new environment. */
  get stats(): { invocations: number; coldStarts: number } {
    return { invocations: this.#invocations, coldStarts: this.#coldStarts };
  }

  /**
   * Milliseconds the function's live environments have spent running (not idle), from
   * their event-loop utilization: the CPU side of the function's cost.
   */
  activeMilliseconds(): number {
    return this.#environments.reduce(
      (sum, environment) => sum + environment.worker.performance.eventLoopUtilization().active,
      0,
    );
  }

  /** Bytes of JavaScript heap in use across the function's live environments. */
  async heapUsed(): Promise<number> {
    const stats = await Promise.all(
      this.#environments.map((environment) => environment.worker.getHeapStatistics()),
    );
    return stats.reduce((sum, heap) => sum + heap.used_heap_size, 0);
  }

  /** Invokes the function with `event` once an environment is free. */
  invoke(event: unknown): Promise<InvokeResult> {
    return this.#work.during('invocation', () => this.#invoke(event));
  }

  async #invoke(event: unknown): Promise<InvokeResult> {
    const environment = await this.#acquire();
    this.#invocations += 1;
    const id = ++this.#nextId;
    const started = Date.now();
    const timeoutMs = this.spec.timeoutSeconds * 1000;
    const requestId = randomUUID();
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        this.#discard(environment, {
          errorType: 'Sandbox.Timedout',
          errorMessage: `${requestId} Task timed out after ${this.spec.timeoutSeconds.toFixed(2)} seconds`,
        });
      }, timeoutMs);
      environment.pending = { id, resolve, started, timer };
      environment.worker.postMessage({ id, event, deadline: started + timeoutMs, requestId });
    });
  }

  /** Stops every environment. */
  async close(): Promise<void> {
    this.#closed = true;
    const workers = this.#environments.splice(0).map((environment) => {
      if (environment.pending) clearTimeout(environment.pending.timer);
      return environment.worker.terminate();
    });
    await Promise.all(workers);
  }

  async #acquire(): Promise<Environment> {
    if (this.#closed) throw new Error(`function ${this.spec.name} is closed`);
    const idle = this.#environments.find((environment) => !environment.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (this.#environments.length < (this.#options.concurrency ?? 1)) {
      const environment = this.#start();
      environment.busy = true;
      return environment;
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(environment: Environment): void {
    environment.pending = undefined;
    const next = this.#waiting.shift();
    if (next) next(environment);
    else environment.busy = false;
  }

  #start(): Environment {
    this.#coldStarts += 1;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: this.#env,
      stdout: true,
      stderr: true,
      workerData: {
        codeDirectory: this.spec.codeDirectory,
        handler: this.spec.handler,
        functionName: this.spec.name,
        functionArn: this.spec.arn,
        memorySize: this.spec.memorySize,
      },
    });
    const environment: Environment = { worker, busy: false, marks: { stdout: 0, stderr: 0 } };
    this.#environments.push(environment);
    const onLog = this.#options.onLog;
    for (const [name, stream] of [
      ['stdout', worker.stdout],
      ['stderr', worker.stderr],
    ] as const) {
      let buffered = '';
      const line = (text: string) => {
        // The end mark follows whatever the invocation printed last, newline or not.
        const mark = END_MARK.exec(text);
        const printed = mark ? text.slice(0, mark.index) : text;
        if (printed !== '' || !mark) onLog?.(this.spec.name, printed);
        if (mark) {
          environment.marks[name] = Number(mark[1]);
          this.#finish(environment);
        }
      };
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline !== -1) {
          line(buffered.slice(0, newline));
          buffered = buffered.slice(newline + 1);
          newline = buffered.indexOf('\n');
        }
      });
      // A last line without its newline is still a line.
      stream.on('end', () => {
        if (buffered !== '') line(buffered);
        buffered = '';
      });
    }
    worker.on(
      'message',
      (message: {
        id: number;
        ok: boolean;
        result?: unknown;
        errorType?: string;
        errorMessage?: string;
      }) => {
        const pending = environment.pending;
        if (!pending || pending.id !== message.id) return;
        clearTimeout(pending.timer);
        const durationMs = Date.now() - pending.started;
        pending.result = message.ok
          ? { ok: true, payload: message.result ?? null, durationMs }
          : {
              ok: false,
              errorType: message.errorType ?? 'Error',
              errorMessage: message.errorMessage ?? '',
              durationMs,
            };
        this.#finish(environment);
      },
    );
    worker.on('error', (error) => {
      this.#discard(environment, { errorType: 'Runtime.ExitError', errorMessage: error.message });
    });
    worker.on('exit', (code) => {
      this.#discard(environment, {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: exited with code ${code}`,
      });
    });
    worker.unref();
    return environment;
  }

  /**
   * Ends the pending invocation once its answer has come and both streams have shown what
   * it printed: every log line of an invocation reaches `onLog` before the invocation ends.
   */
  #finish(environment: Environment): void {
    const pending = environment.pending;
    if (!pending?.result) return;
    if (environment.marks.stdout < pending.id || environment.marks.stderr < pending.id) return;
    this.#release(environment);
    pending.resolve(pending.result);
  }

  /** Drops a broken or timed-out environment; its invocation fails with `error`. */
  #discard(environment: Environment, error: { errorType: string; errorMessage: string }): void {
    const index = this.#environments.indexOf(environment);
    if (index === -1) return;
    this.#environments.splice(index, 1);
    const pending = environment.pending;
    environment.pending = undefined;
    void environment.worker.terminate();
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve({ ok: false, ...error, durationMs: Date.now() - pending.started });
    }
    // Whoever waits for an environment gets a fresh one.
    const next = this.#waiting.shift();
    if (next && !this.#closed) {
      const fresh = this.#start();
      fresh.busy = true;
      next(fresh);
    }
  }
}
