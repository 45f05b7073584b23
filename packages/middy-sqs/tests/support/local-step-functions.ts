// A tiny local Step Functions endpoint for the task-response API, speaking the AWS JSON 1.0
// protocol on 127.0.0.1 (X-Amz-Target: AWSStepFunctions.SendTask*, errors as HTTP 400
// `{"__type":"com.amazonaws.sfn#TaskTimedOut","message":"..."}`). It keeps the state of
// the tasks it knows: a token is open until it succeeds, fails or is timed out; a second
// answer for a closed task gets `TaskTimedOut`, as the service does. Used by the
// integration tests and the benchmark (Node runs this file with its type stripping, so it
// uses erasable syntax only and imports only node: modules).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the endpoint received. */
export interface ReceivedRequest {
  readonly operation: string;
  readonly contentType: string | undefined;
  readonly body: { taskToken?: string; output?: string; error?: string; cause?: string };
}

/** An error the endpoint answers, instead of looking at the task. */
export interface ScriptedError {
  readonly status: number;
  readonly errorType: string;
  readonly message: string;
}

export interface LocalStepFunctionsOptions {
  /** Milliseconds before each answer. @default 0 */
  readonly latencyMs?: number;
  /** Keep the received requests (off in benchmarks). @default true */
  readonly record?: boolean;
  /** Treat every token as an open task, keeping no state (benchmarks). @default false */
  readonly acceptAnyToken?: boolean;
}

type TaskState = 'open' | 'succeeded' | 'failed' | 'timed-out';

export class LocalStepFunctions {
  readonly requests: ReceivedRequest[] = [];
  readonly tasks = new Map<string, TaskState>();
  /** Answers for a token's next requests, ahead of its task state. */
  readonly #scripted = new Map<string, ScriptedError[]>();
  readonly #server: Server;
  readonly #latencyMs: number;
  readonly #record: boolean;
  readonly #acceptAnyToken: boolean;
  /** Requests being answered right now, and the most at once. */
  inFlight = 0;
  maxInFlight = 0;

  private constructor(options: LocalStepFunctionsOptions) {
    this.#latencyMs = options.latencyMs ?? 0;
    this.#record = options.record ?? true;
    this.#acceptAnyToken = options.acceptAnyToken ?? false;
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.keepAliveTimeout = 60_000;
  }

  static async start(options: LocalStepFunctionsOptions = {}): Promise<LocalStepFunctions> {
    const endpoint = new LocalStepFunctions(options);
    await new Promise<void>((resolve) => endpoint.#server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Registers a task waiting for its callback, as `.waitForTaskToken` would. */
  openTask(token: string): void {
    this.tasks.set(token, 'open');
  }

  /** Times a task out (as `TimeoutSeconds` or a missed heartbeat would). */
  timeOut(token: string): void {
    this.tasks.set(token, 'timed-out');
  }

  /** The next requests for `token` get these errors, one each, before the task is looked at. */
  script(token: string, ...errors: ScriptedError[]): void {
    this.#scripted.set(token, [...(this.#scripted.get(token) ?? []), ...errors]);
  }

  reset(): void {
    this.requests.length = 0;
    this.tasks.clear();
    this.#scripted.clear();
    this.inFlight = 0;
    this.maxInFlight = 0;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  #handle(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(
        /^AWSStepFunctions\./,
        '',
      );
      const body = JSON.parse(
        Buffer.concat(chunks).toString('utf8') || '{}',
      ) as ReceivedRequest['body'];
      if (this.#record) {
        this.requests.push({ operation, contentType: req.headers['content-type'], body });
      }
      const answer = this.#answer(operation, body);
      const send = () => {
        this.inFlight -= 1;
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        res.statusCode = answer.status;
        res.end(
          JSON.stringify(
            'errorType' in answer
              ? { __type: `com.amazonaws.sfn#${answer.errorType}`, message: answer.message }
              : {},
          ),
        );
      };
      if (this.#latencyMs > 0) setTimeout(send, this.#latencyMs);
      else send();
    });
  }

  #answer(operation: string, body: ReceivedRequest['body']): { status: number } | ScriptedError {
    const token = body.taskToken ?? '';
    const scripted = this.#scripted.get(token)?.shift();
    if (scripted) return scripted;
    if (!['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat'].includes(operation)) {
      return { status: 400, errorType: 'UnknownOperationException', message: operation };
    }
    if (this.#acceptAnyToken) return { status: 200 };
    const state = this.tasks.get(token);
    if (state === undefined) {
      return { status: 400, errorType: 'TaskDoesNotExist', message: 'Task does not exist' };
    }
    if (state !== 'open') {
      return { status: 400, errorType: 'TaskTimedOut', message: 'Task Timed Out' };
    }
    if (operation === 'SendTaskSuccess') {
      try {
        JSON.parse(body.output ?? '');
      } catch {
        return { status: 400, errorType: 'InvalidOutput', message: 'Invalid JSON output' };
      }
      this.tasks.set(token, 'succeeded');
    }
    if (operation === 'SendTaskFailure') this.tasks.set(token, 'failed');
    return { status: 200 };
  }
}
