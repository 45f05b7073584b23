import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from './request-guard.js';

/**
 * A path served beside the Step Functions API by {@link SfnApiServer.mount} (the console).
 * The server asks each route, in order, whether a request is its own; the first that
 * answers with an {@link Access} gets it, once the request guard has passed it.
 */
export interface HttpRoute {
  /** The access the request needs when it is this route's, else undefined. */
  access(url: URL, method: string): Access | undefined;
  /**
   * Answers the request (the guard has passed it). What it throws, or the promise it
   * returns rejects with, is a 500 for this request, never the server's end.
   */
  handle(request: IncomingMessage, response: ServerResponse, url: URL): void | Promise<void>;
}
