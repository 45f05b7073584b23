import type { SFNClient } from '@aws-sdk/client-sfn';
import { type SqsCallbackOptions, sqsCallbackHandler } from '../../src/index.js';
import { captureLogger } from './log-capture.js';

/**
 * `sqsCallbackHandler` with the defaults of a unit test: `client` (the mocked one) and a
 * logger that keeps its lines to itself. Options given to it override both.
 */
export function handlerWithTestDefaults(client: SFNClient): typeof sqsCallbackHandler {
  return ((fn: Parameters<typeof sqsCallbackHandler>[0], options?: SqsCallbackOptions) =>
    sqsCallbackHandler(fn, {
      client,
      logger: captureLogger().logger,
      ...options,
    })) as typeof sqsCallbackHandler;
}
