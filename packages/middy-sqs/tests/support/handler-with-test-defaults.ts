import type { SFNClient } from '@aws-sdk/client-sfn';
import { type SqsCallbackOptions, sqsCallbackHandler } from '../../src/index.js';
import { captureLogger } from './log-capture.js';

/**
 * `sqsCallbackHandler` with the defaults of a unit test: `client` (the mocked one), a
 * logger that keeps its lines to itself, and the outcome metrics on (as by default) but
 * written nowhere. Options given to it override all three.
 */
export function handlerWithTestDefaults(client: SFNClient): typeof sqsCallbackHandler {
  return ((fn: Parameters<typeof sqsCallbackHandler>[0], options?: SqsCallbackOptions) =>
    sqsCallbackHandler(fn, {
      client,
      logger: captureLogger().logger,
      metrics: { write: () => {} },
      ...options,
    })) as typeof sqsCallbackHandler;
}
