// One fake Step Functions endpoint for every test that needs the real SDK to go over HTTP.
// It speaks the AWS JSON 1.0 protocol on 127.0.0.1 and answers the task-response API as the
// service does (DESIGN.md's API facts, the same answers as @sfn-callback/local's endpoint):
//
// | request                                              | answer (HTTP 400 unless said) |
// |------------------------------------------------------|-------------------------------|
// | a token never issued (no open task)                  | InvalidToken                  |
// | a token whose task is closed (completed, timed out)  | TaskTimedOut                  |
// | SendTaskSuccess `output` not JSON                    | InvalidOutput                 |
// | token empty / over 2,048 chars, output over 262,144  | ValidationException           |
// | UTF-8 bytes, error over 256, cause over 32,768 chars |                               |
// | another operation                                    | UnknownOperationException     |
// | an open task                                         | 200 `{}`; success and failure |
// |                                                      | close it                      |
//
// The service never answers TaskDoesNotExist to these calls in practice (it does not say
// why a task is gone): a test that wants it scripts it. Faults the service does emit
// (throttling, 5xx) are scripted too, for the next requests or for one token's.
//
// Node runs this file with its type stripping (the benchmarks import it): erasable syntax
// only, node: imports only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the endpoint received. */
export interface ReceivedRequest {
  readonly operation: string;
  readonly contentType: string | undefined;
  readonly body: { taskToken?: string; output?: string; error?: string; cause?: string };
}

/** A scripted answer: an error the service can give, or a plain 200 `{}`. */
export type FakeAnswer =
  | { readonly status: 200 }
  | { readonly status: number; readonly errorType: string; readonly message: string };

/** What the endpoint knows of a task. */
export type TaskState = 'open' | 'succeeded' | 'failed' | 'timed-out';

/** Options of {@link FakeStepFunctions.start}. */
export interface FakeStepFunctionsOptions {
  /** Milliseconds before each answer. @default 0 */
  readonly latencyMs?: number;
  /** Keep the received requests (off in benchmarks). @default true */
  readonly record?: boolean;
  /** Treat every well-formed token as an open task and keep no state (benchmarks). @default false */
  readonly acceptAnyToken?: boolean;
}

const TASK_OPERATIONS = new Set(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat']);
/** The service's namespace for its own errors, and the protocol's for its errors. */
const SERVICE_NAMESPACE = 'com.amazonaws.sfn';
const PROTOCOL_NAMESPACE = 'com.amazon.coral.service';
const PROTOCOL_ERRORS = new Set(['UnknownOperationException', 'SerializationException']);
// The API limits (task-token's limits.ts); written out: this file imports node: modules only.
const TOKEN_MAX_LENGTH = 2048;
const OUTPUT_MAX_BYTES = 262_144;
const ERROR_MAX_LENGTH = 256;
const CAUSE_MAX_LENGTH = 32_768;

const error = (errorType: string, message: string): FakeAnswer => ({
  status: 400,
  errorType,
  message,
});

/** The fake endpoint; {@link FakeStepFunctions.start} starts one on a free port. */
export class FakeStepFunctions {
  /** Every request received, in order (unless `record: false`). */
  readonly requests: ReceivedRequest[] = [];
  /** The tasks the endpoint knows, by token. */
  readonly tasks = new Map<string, TaskState>();
  /** Requests being answered right now, and the most at once. */
  inFlight = 0;
  maxInFlight = 0;
  readonly #next: FakeAnswer[] = [];
  readonly #byToken = new Map<string, FakeAnswer[]>();
  readonly #server: Server;
  readonly #latencyMs: number;
  readonly #record: boolean;
  readonly #acceptAnyToken: boolean;

  private constructor(options: FakeStepFunctionsOptions) {
    this.#latencyMs = options.latencyMs ?? 0;
    this.#record = options.record ?? true;
    this.#acceptAnyToken = options.acceptAnyToken ?? false;
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.keepAliveTimeout = 60_000;
  }

  /** Starts an endpoint on 127.0.0.1, on a free port. */
  static async start(options: FakeStepFunctionsOptions = {}): Promise<FakeStepFunctions> {
    const endpoint = new FakeStepFunctions(options);
    await new Promise<void>((resolve) => endpoint.#server.listen(0, '127.0.0.1', resolve));
    return endpoint;
  }

  /** The endpoint's URL, for `new SFNClient({ endpoint })` or `AWS_ENDPOINT_URL_SFN`. */
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

  /** The next requests, whatever their token, get these answers, one each. */
  answerNext(...answers: FakeAnswer[]): void {
    this.#next.push(...answers);
  }

  /** The next requests for `token` get these answers, one each, before its task is looked at. */
  script(token: string, ...answers: FakeAnswer[]): void {
    this.#byToken.set(token, [...(this.#byToken.get(token) ?? []), ...answers]);
  }

  /** Forgets the requests, the tasks and the scripts. */
  reset(): void {
    this.requests.length = 0;
    this.tasks.clear();
    this.#next.length = 0;
    this.#byToken.clear();
    this.inFlight = 0;
    this.maxInFlight = 0;
  }

  /** Stops listening and closes every connection. */
  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((e) => (e ? reject(e) : resolve())),
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
      let body: ReceivedRequest['body'] | undefined;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      } catch {
        body = undefined;
      }
      if (this.#record) {
        this.requests.push({
          operation,
          contentType: req.headers['content-type'],
          body: body ?? {},
        });
      }
      const answer =
        body === undefined
          ? error('SerializationException', 'Start of structure or map found where not expected')
          : this.#answer(operation, body);
      const send = () => {
        this.inFlight -= 1;
        res.setHeader('content-type', 'application/x-amz-json-1.0');
        res.statusCode = answer.status;
        if ('errorType' in answer) {
          const namespace = PROTOCOL_ERRORS.has(answer.errorType)
            ? PROTOCOL_NAMESPACE
            : SERVICE_NAMESPACE;
          res.setHeader('x-amzn-errortype', answer.errorType);
          res.end(
            JSON.stringify({ __type: `${namespace}#${answer.errorType}`, message: answer.message }),
          );
        } else {
          res.end('{}');
        }
      };
      if (this.#latencyMs > 0) setTimeout(send, this.#latencyMs);
      else send();
    });
  }

  #answer(operation: string, body: ReceivedRequest['body']): FakeAnswer {
    const token = typeof body.taskToken === 'string' ? body.taskToken : '';
    const scripted = this.#next.shift() ?? this.#byToken.get(token)?.shift();
    if (scripted) return scripted;
    if (!TASK_OPERATIONS.has(operation)) {
      return error('UnknownOperationException', `Unknown operation ${operation}`);
    }
    const invalid = this.#validate(operation, body, token);
    if (invalid) return invalid;
    if (this.#acceptAnyToken) return { status: 200 };
    const state = this.tasks.get(token);
    if (state === undefined) return error('InvalidToken', 'Invalid Token');
    if (state !== 'open') return error('TaskTimedOut', 'Provided task does not exist anymore');
    if (operation === 'SendTaskSuccess') {
      try {
        JSON.parse(body.output ?? '');
      } catch {
        return error('InvalidOutput', 'Invalid JSON output');
      }
      this.tasks.set(token, 'succeeded');
    }
    if (operation === 'SendTaskFailure') this.tasks.set(token, 'failed');
    return { status: 200 };
  }

  /** The members' constraints, checked by the service before the token (ValidationException). */
  #validate(
    operation: string,
    body: ReceivedRequest['body'],
    token: string,
  ): FakeAnswer | undefined {
    const violation = (member: string, constraint: string) =>
      error(
        'ValidationException',
        `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`,
      );
    if (token.length < 1 || token.length > TOKEN_MAX_LENGTH) {
      return violation('taskToken', `Member must have length between 1 and ${TOKEN_MAX_LENGTH}`);
    }
    if (operation === 'SendTaskSuccess') {
      if (typeof body.output !== 'string') return violation('output', 'Member must not be null');
      if (Buffer.byteLength(body.output, 'utf8') > OUTPUT_MAX_BYTES) {
        return violation(
          'output',
          `Member must have length less than or equal to ${OUTPUT_MAX_BYTES}`,
        );
      }
    }
    if (operation === 'SendTaskFailure') {
      if ((body.error ?? '').length > ERROR_MAX_LENGTH) {
        return violation(
          'error',
          `Member must have length less than or equal to ${ERROR_MAX_LENGTH}`,
        );
      }
      if ((body.cause ?? '').length > CAUSE_MAX_LENGTH) {
        return violation(
          'cause',
          `Member must have length less than or equal to ${CAUSE_MAX_LENGTH}`,
        );
      }
    }
    return undefined;
  }
}
