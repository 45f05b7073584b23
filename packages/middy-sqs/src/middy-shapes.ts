// The middy shapes this package's public types name, declared here instead of imported from
// `@middy/core`: middy 7's declarations import `@aws/durable-execution-sdk-js`, an optional
// peer npm does not install (middy issue 1694), so any .d.ts that imports `@middy/core` fails
// a consumer's `tsc` under TypeScript's default `skipLibCheck: false`. The shapes are
// structural: a middy middleware fits `.use()` here, and these fit middy's `.use()`
// (Powertools declares its middy-like types the same way, for the same independence).
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';

/** What a middleware gets in a middy chain over SQS events (`@middy/core`'s `Request`). */
export interface SqsMiddyRequest {
  event: SQSEvent;
  context: Context;
  response: unknown;
  earlyResponse?: unknown;
  error: Error | null | undefined;
  internal: Record<string, unknown>;
}

/**
 * A middy middleware over SQS events (`@middy/core`'s `MiddlewareObj`): `before` runs
 * before the handler, `after` on its response, `onError` when something threw.
 */
export interface SqsMiddleware {
  // Methods, not function properties: like middy's own, a middleware typed for a wider
  // request (Powertools' `MiddyLikeRequest`, middy's `Request<unknown>`) fits.
  before?(request: SqsMiddyRequest): unknown;
  after?(request: SqsMiddyRequest): unknown;
  onError?(request: SqsMiddyRequest): unknown;
  name?: string;
}

/**
 * A middy handler over SQS events answering a partial batch response (`@middy/core`'s
 * `MiddyfiedHandler<SQSEvent, SQSBatchResponse>`): call it as the Lambda handler, and add
 * middlewares with `.use()` (or `.before()`, `.after()`, `.onError()`).
 */
export interface SqsMiddyHandler {
  (event: SQSEvent, context: Context): Promise<SQSBatchResponse>;
  /** Adds a middleware, or several in order. */
  use(middlewares: SqsMiddleware | readonly SqsMiddleware[]): SqsMiddyHandler;
  /** Adds a `before` step. */
  before(step: (request: SqsMiddyRequest) => unknown): SqsMiddyHandler;
  /** Adds an `after` step. */
  after(step: (request: SqsMiddyRequest) => unknown): SqsMiddyHandler;
  /** Adds an `onError` step. */
  onError(step: (request: SqsMiddyRequest) => unknown): SqsMiddyHandler;
}
