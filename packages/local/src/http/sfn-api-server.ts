import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SfnApiError } from './api-error.js';
import type { HttpRoute } from './http-route.js';
import { isTooDeep, MAX_JSON_DEPTH } from './json-depth.js';
import type { SfnOperations } from './operation.js';
import { parseRequestTarget } from './parse-request.js';
import { reportInternalFailure } from './report-internal-failure.js';
import { type Refusal, RequestGuard } from './request-guard.js';

const TARGET_PREFIX = 'AWSStepFunctions.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';
/**
 * The largest request body read: room for the largest member AWS accepts, a 1 MiB
 * definition, however it is encoded (up to 6 bytes a character as a `\uXXXX` escape).
 */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** Options of {@link SfnApiServer.listen}. */
export interface ListenOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
}

/**
 * A Step Functions endpoint speaking the AWS JSON 1.0 protocol: `POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>` and a JSON body; answers JSON, errors as
 * HTTP 400 `{"__type": "com.amazonaws.sfn#<Name>", "message": …}` (also named in the
 * `x-amzn-ErrorType` header), which the AWS SDKs and CLI read as the service's errors.
 *
 * The operations are a table handed in, so the API grows by adding entries to it; other
 * paths (the console) are {@link HttpRoute}s {@link mount}ed beside it.
 *
 * Every request first passes the {@link RequestGuard}: a loopback `Host`, no foreign
 * `Origin`, and the per-start secret on browser requests (the AWS CLI and SDKs send no
 * `Origin`, so they work unchanged). A refusal is a 403 with a message saying why.
 *
 * Nothing a request carries can end the process: its target, headers, cookies and body are
 * read inside one guard, and whatever throws while a request is read or answered (a route,
 * an operation, the response stream) is a 500 `InternalFailure` for that request and one
 * line on stderr (tokens redacted), while the server goes on answering the others.
 */
export class SfnApiServer {
  readonly #server: Server;
  #operations: SfnOperations;
  readonly #routes: HttpRoute[] = [];
  /** The Host, Origin and secret checks of every request. */
  readonly guard: RequestGuard;
  #url = '';
  #port = 0;
  #beginRequest: (() => () => void) | undefined;

  constructor(operations: SfnOperations, guard: RequestGuard = new RequestGuard()) {
    this.#operations = operations;
    this.guard = guard;
    this.#server = createServer((request, response) => this.#handle(request, response));
    this.#server.keepAliveTimeout = 30_000;
  }

  /** The endpoint's base URL, e.g. `http://127.0.0.1:51234`. Empty before {@link listen}. */
  get url(): string {
    return this.#url;
  }

  /** Adds or replaces operations. */
  register(operations: SfnOperations): void {
    this.#operations = { ...this.#operations, ...operations };
  }

  /**
   * Counts each API request as work in flight: `begin` is called as one arrives, and what
   * it returns once its response is sent or its connection closed (the runner's virtual
   * time does not move meanwhile). Mounted routes are not counted: the console's live
   * stream stays open for as long as a browser looks.
   */
  countRequests(begin: () => () => void): void {
    this.#beginRequest = begin;
  }

  /** Serves `route` beside the API (the console's pages and calls). */
  mount(route: HttpRoute): void {
    this.#routes.push(route);
  }

  /** Starts listening; resolves with the base URL. */
  async listen(options: ListenOptions = {}): Promise<string> {
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(options.port ?? 0, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address() as AddressInfo;
    this.#port = address.port;
    this.#url = `http://${host}:${address.port}`;
    return this.#url;
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #handle(request: IncomingMessage, response: ServerResponse): void {
    const fail = (error: unknown) => this.#fail(request, response, error);
    // The client went away (closed mid-body, reset): nothing to answer, nothing went wrong here.
    request.on('error', () => response.destroy());
    response.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') response.destroy();
      else fail(error);
    });
    try {
      this.#route(request, response, fail);
    } catch (error) {
      fail(error);
    }
  }

  #route(request: IncomingMessage, response: ServerResponse, fail: (error: unknown) => void): void {
    const url = parseRequestTarget(request);
    if (!url) {
      request.resume();
      this.#send(response, {
        error: new SfnApiError(
          'UnknownOperationException',
          `Cannot read the request target ${JSON.stringify(request.url ?? '')}`,
          400,
        ),
      });
      return;
    }
    const method = request.method ?? 'GET';
    const route = this.#routes.find((r) => r.access(url, method) !== undefined);
    const refusal = this.guard.check(request, this.#port, route?.access(url, method) ?? 'api');
    if (refusal) {
      request.resume();
      this.#refuse(response, refusal, route === undefined);
      return;
    }
    if (route) {
      const handled = route.handle(request, response, url);
      if (handled instanceof Promise) handled.catch(fail);
      return;
    }
    // A long poll (GetActivityTask, held up to a minute) waits for work: it is not work, and
    // counting it would stop virtual time for as long as an activity worker polls.
    const end =
      request.headers['x-amz-target'] === `${TARGET_PREFIX}GetActivityTask`
        ? undefined
        : this.#beginRequest?.();
    if (end) response.once('close', end);
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      this.#dispatch(
        request,
        size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8'),
      )
        .then((result) => this.#send(response, result))
        .catch(fail);
    });
  }

  /** An unexpected exception while answering a request: a 500 for it, a line on stderr. */
  #fail(request: IncomingMessage, response: ServerResponse, error: unknown): void {
    reportInternalFailure(request, error);
    if (response.headersSent || response.destroyed) {
      response.destroy();
      return;
    }
    try {
      this.#send(response, {
        error: new SfnApiError(
          'InternalFailure',
          'The local endpoint failed while answering this request (see its stderr)',
          500,
        ),
      });
    } catch {
      response.destroy();
    }
  }

  async #dispatch(request: IncomingMessage, body: string | undefined): Promise<unknown> {
    try {
      if (request.method !== 'POST')
        throw new SfnApiError('UnknownOperationException', 'Only POST is supported', 404);
      if (body === undefined)
        throw new SfnApiError('SerializationException', 'Request body too large', 413);
      const target = request.headers['x-amz-target'];
      const operationName =
        typeof target === 'string' && target.startsWith(TARGET_PREFIX)
          ? target.slice(TARGET_PREFIX.length)
          : '';
      const operation = Object.hasOwn(this.#operations, operationName)
        ? this.#operations[operationName]
        : undefined;
      if (!operation) {
        throw new SfnApiError(
          'UnknownOperationException',
          `Unknown operation ${String(target ?? '')}`,
        );
      }
      if (isTooDeep(body)) {
        throw new SfnApiError(
          'SerializationException',
          `The request body nests deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`,
        );
      }
      let input: unknown;
      try {
        input = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        throw new SfnApiError(
          'SerializationException',
          'Start of structure or map found where not expected',
        );
      }
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new SfnApiError(
          'SerializationException',
          'Start of structure or map found where not expected',
        );
      }
      return { ok: await operation(input as Record<string, unknown>) };
    } catch (error) {
      if (error instanceof SfnApiError) return { error };
      reportInternalFailure(request, error);
      return {
        error: new SfnApiError(
          'InternalFailure',
          error instanceof Error ? error.message : String(error),
          500,
        ),
      };
    }
  }

  #refuse(response: ServerResponse, refusal: Refusal, api: boolean): void {
    const payload = api
      ? JSON.stringify({
          __type: 'com.amazonaws.sfn#AccessDeniedException',
          message: refusal.message,
        })
      : `${refusal.message}\n`;
    response.writeHead(refusal.status, {
      'Content-Type': api ? CONTENT_TYPE : 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
      'X-Content-Type-Options': 'nosniff',
      ...(api ? { 'x-amzn-ErrorType': 'AccessDeniedException' } : {}),
    });
    response.end(payload);
  }

  #send(response: ServerResponse, result: unknown): void {
    const { ok, error } = result as { ok?: unknown; error?: SfnApiError };
    const payload = JSON.stringify(error ? error.toJSON() : (ok ?? {}));
    const headers: Record<string, string | number> = {
      'Content-Type': CONTENT_TYPE,
      'Content-Length': Buffer.byteLength(payload),
      'x-amzn-RequestId': randomUUID(),
      'X-Content-Type-Options': 'nosniff',
    };
    if (error) headers['x-amzn-ErrorType'] = error.type;
    response.writeHead(error ? error.statusCode : 200, headers);
    response.end(payload);
  }
}
