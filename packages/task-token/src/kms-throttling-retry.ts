import type { SFNClient } from '@aws-sdk/client-sfn';

type SfnMiddlewareStack = SFNClient['middlewareStack'];
type RelativeMiddleware = Parameters<SfnMiddlewareStack['addRelativeTo']>[0];

/**
 * Step Functions answers `KmsThrottlingException` when the KMS key of an encrypted state
 * machine is throttled. The SDK's retry strategy does not know this error name, so it
 * would not retry it. This middleware sits just inside the SDK's retry middleware and
 * marks that error as throttling, so the SDK's own strategy (its backoff, jitter, attempt
 * limit and retry quota) retries it like `ThrottlingException`.
 */
const markKmsThrottlingAsThrottling = ((next: (args: unknown) => Promise<unknown>) =>
  async (args: unknown) => {
    try {
      return await next(args);
    } catch (error) {
      if ((error as { name?: string } | null)?.name === 'KmsThrottlingException') {
        (error as { $retryable?: { throttling: boolean } }).$retryable = { throttling: true };
      }
      throw error;
    }
    // The stack's parameter type is a union of every step's middleware; this one is a
    // finalize-step middleware, which needs no more than the handler above.
  }) as unknown as RelativeMiddleware;

/** Name of the middleware, as it appears in a middleware stack. */
export const KMS_THROTTLING_MIDDLEWARE_NAME = 'sfnCallbackKmsThrottlingRetry';

/**
 * Adds the KMS-throttling marker to a command's own middleware stack (not the client's,
 * so a caller's `SFNClient` is left as it was).
 */
export function retryKmsThrottling(stack: SfnMiddlewareStack): void {
  stack.addRelativeTo(markKmsThrottlingAsThrottling, {
    name: KMS_THROTTLING_MIDDLEWARE_NAME,
    relation: 'after',
    toMiddleware: 'retryMiddleware',
  });
}
