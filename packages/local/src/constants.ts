/** Account id used in every local ARN and queue URL. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Region used when the stack is environment-agnostic. */
export const DEFAULT_REGION = 'us-east-1';

/**
 * Longest timeout, in seconds, handed to `setTimeout` (Node caps delays at 2^31-1 ms and
 * fires at once above it). Timeouts above this are clamped to it: about 24.8 days.
 */
export const MAX_TIMER_SECONDS = 2_147_483;

/** Dummy credentials given to every local function, so that its SDK signs requests. */
export const LOCAL_CREDENTIALS = {
  accessKeyId: 'AKIALOCALSFNCALLBACK',
  secretAccessKey: 'local-secret-access-key-not-a-credential',
  sessionToken: 'local-session-token',
} as const;
